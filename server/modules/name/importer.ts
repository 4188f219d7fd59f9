/**
 * Imports the register of existing names the hall syncs from the market regulator: a CSV with header
 * `name,status,status_date,city_code`, read as a stream (millions of lines), upserted in batches on
 * (city_code, name) so running it twice changes nothing. Bad lines are reported with their numbers.
 */
import readline from 'node:readline'
import type { Readable } from 'node:stream'
import type { Queryable } from '../../core/db'
import { industryGroupOf } from '../../../src/domain/enterprise-name/industries'
import { parseName } from '../../../src/domain/enterprise-name/parse'
import { reservationPeriod } from '../../../src/domain/enterprise-name/reservation'
import type { RegisterStatus } from '../../../src/domain/enterprise-name/types'
import { divisionData } from '../../core/divisions'
import { mergeRegisterIndex, upsertRegister, type RegisterRow } from './repository'
import { industryLexicon, ruleDataFor, zihaoPinyin } from './rule-data'

export const REGISTER_HEADER = ['name', 'status', 'status_date', 'city_code']
const STATUSES: RegisterStatus[] = ['registered', 'reserved', 'cancelled', 'changed']
const BATCH = 2000

export interface RejectedLine {
  line: number
  reason: string
}

export interface ImportReport {
  lines: number
  inserted: number
  updated: number
  unchanged: number
  rejected: RejectedLine[]
  /** Rejections beyond the ones listed (the report keeps the first 1,000). */
  rejectedTotal: number
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields); null when the quoting is broken. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') {
        quoted = false
        if (i + 1 < line.length && line[i + 1] !== ',') return null
      } else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === ',') {
      fields.push(field)
      field = ''
    } else field += char
  }
  if (quoted) return null
  fields.push(field)
  return fields
}

const isRealDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date

/** Reads one data line into a register row, or says why it cannot be imported. */
export function readRegisterLine(fields: string[] | null): RegisterRow | string {
  if (!fields) return '引号不匹配'
  if (fields.length !== REGISTER_HEADER.length) return `应有 ${REGISTER_HEADER.length} 列，实际 ${fields.length} 列`
  const [rawName, rawStatus, statusDate, cityCode] = fields.map((f) => f.trim())
  const name = rawName.replace(/\(/g, '（').replace(/\)/g, '）')
  if (name.length < 2 || name.length > 100) return '名称为空或长度不正确'
  if (!STATUSES.includes(rawStatus as RegisterStatus)) return `状态“${rawStatus}”不正确，应为 ${STATUSES.join('/')}`
  if (!isRealDate(statusDate)) return `状态日期“${statusDate}”不是有效日期（YYYY-MM-DD）`
  const scope = divisionData().scope(cityCode)
  if (!scope) return `city_code“${cityCode}”不是设区的市（或省直辖县级单位）的代码`
  // Existing names are read, not judged: they may predate today's rules.
  const { parts } = parseName(name, 'llc', ruleDataFor(scope))
  if (!/[\u4e00-\u9fff]/.test(parts.zihao)) return '无法从名称中识别字号'
  const status = rawStatus as RegisterStatus
  return {
    cityCode,
    name,
    division: parts.division,
    zihao: parts.zihao,
    zihaoPinyin: zihaoPinyin(parts.zihao),
    industry: parts.industry,
    industryGroup: industryGroupOf(parts.industry, industryLexicon)?.id ?? null,
    form: parts.form,
    status,
    statusDate,
    // The register does not say whether a pre-approval applies: the ordinary two months (Reg 18).
    expiresAt: status === 'reserved' ? reservationPeriod(statusDate, false).expiresAt : null,
  }
}

export async function importRegister(q: Queryable, input: Readable, now: Date): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], rejectedTotal: 0 }
  const reject = (line: number, reason: string) => {
    report.rejectedTotal++
    if (report.rejected.length < 1000) report.rejected.push({ line, reason })
  }
  // Later lines win over earlier ones for the same name (one statement may not touch a row twice).
  let batch = new Map<string, RegisterRow>()
  const flush = async () => {
    if (!batch.size) return
    const rows = [...batch.values()]
    const { inserted, updated } = await upsertRegister(q, rows, 'import', now)
    report.inserted += inserted
    report.updated += updated
    report.unchanged += rows.length - inserted - updated
    batch = new Map()
  }
  let lineNumber = 0
  for await (const raw of readline.createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (lineNumber === 1) {
      if (
        splitCsvLine(line)
          ?.map((f) => f.trim())
          .join(',') !== REGISTER_HEADER.join(',')
      ) {
        reject(1, `表头应为 ${REGISTER_HEADER.join(',')}`)
        return report
      }
      continue
    }
    if (!line.trim()) continue
    report.lines++
    const row = readRegisterLine(splitCsvLine(line))
    if (typeof row === 'string') {
      reject(lineNumber, row)
      continue
    }
    const key = `${row.cityCode}|${row.name}`
    if (batch.has(key)) report.unchanged++
    batch.set(key, row)
    if (batch.size >= BATCH) await flush()
  }
  await flush()
  await mergeRegisterIndex(q)
  return report
}
