import type { FastifySchemaValidationError } from 'fastify/types/schema'

const FIELD_NAMES: Record<string, string> = {
  phone: '手机号',
  code: '验证码',
  name: '姓名',
  idNumber: '身份证号',
  hallId: '服务中心',
  itemId: '事项',
  categoryId: '排队类别',
  q: '搜索词',
  id: '编号',
  date: '日期',
}

function fieldOf(error: FastifySchemaValidationError): string {
  const missing = (error.params as { missingProperty?: string }).missingProperty
  const extra = (error.params as { additionalProperty?: string }).additionalProperty
  const path = missing ?? extra ?? error.instancePath.split('/').filter(Boolean).at(-1) ?? ''
  return FIELD_NAMES[path] ?? path
}

/** Turns Ajv's first complaint into a sentence a citizen can act on. */
export function describeValidation(errors: FastifySchemaValidationError[]): string {
  const error = errors[0]
  if (!error) return '请求参数不正确'
  const field = fieldOf(error)
  switch (error.keyword) {
    case 'required':
      return `缺少必填项：${field}`
    case 'additionalProperties':
      return `不支持的字段：${field}`
    case 'type':
      return field ? `${field}的类型不正确` : '请求内容的格式不正确'
    case 'maxLength':
    case 'maxItems':
      return `${field}过长`
    case 'minLength':
    case 'minItems':
      return `${field}不能为空或过短`
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${field}超出允许范围`
    case 'enum':
    case 'const':
    case 'anyOf':
    case 'oneOf':
      return `${field}的取值不正确`
    default:
      return `${field}的格式不正确`
  }
}
