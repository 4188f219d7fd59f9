import type { FastifySchemaValidationError } from 'fastify/types/schema'

/** The part of a JSON schema the label lookup reads. */
interface SchemaNode {
  title?: string
  properties?: Record<string, SchemaNode>
  items?: SchemaNode
  anyOf?: SchemaNode[]
  oneOf?: SchemaNode[]
  allOf?: SchemaNode[]
}

/** Said of a field whose schema has no `title`: never the raw property name. */
const UNTITLED = '请求参数'

/** The schemas that may describe the value at `path` (property names and array indexes), unions followed. */
function schemasAt(schema: SchemaNode | undefined, path: string[]): SchemaNode[] {
  if (!schema) return []
  const variants = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]
  const fromVariants = variants.flatMap((variant) => schemasAt(variant, path))
  if (path.length === 0) return [schema, ...fromVariants]
  const [head, ...rest] = path
  const child = schema.properties?.[head] ?? (/^\d+$/.test(head) ? schema.items : undefined)
  return [...schemasAt(child, rest), ...fromVariants]
}

/** The Chinese label of the field an error is about: the `title` of its schema. */
function labelOf(error: FastifySchemaValidationError, schema: SchemaNode | undefined): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string }
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
  const child = params.missingProperty ?? params.additionalProperty
  if (child !== undefined) path.push(child)
  if (path.length === 0) return ''
  return schemasAt(schema, path).find((node) => node.title)?.title ?? UNTITLED
}

/**
 * Turns Ajv's first complaint into a sentence a citizen can act on, naming the field by the `title` of its
 * schema (`schema` is the route's body, querystring or params schema that refused the request).
 */
export function describeValidation(errors: FastifySchemaValidationError[], schema?: unknown): string {
  const error = errors[0]
  if (!error) return '请求参数不正确'
  const field = labelOf(error, schema as SchemaNode | undefined)
  switch (error.keyword) {
    case 'required':
      return `缺少必填项：${field}`
    case 'additionalProperties':
      return `不支持的字段：${(error.params as { additionalProperty?: string }).additionalProperty ?? field}`
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
