/**
 * Deterministic synthetic register names for the demo seed and the benchmark: plausible 字号 built from
 * common name characters, real divisions of each city, industry wordings from the curated list, the
 * usual forms and a realistic mix of statuses. Synthetic names never collide with the docs/domain-rules.md §1.8
 * examples except the one existing name the examples assume.
 */
import { industryGroupOf } from '../../../src/domain/enterprise-name/industries'
import { NAME_WORDS } from '../../../src/domain/enterprise-name/prohibited-words'
import { CROWN_WORDS } from '../../../src/domain/enterprise-name/rules'
import type { RegisterStatus } from '../../../src/domain/enterprise-name/types'
import { reservationPeriod } from '../../../src/domain/enterprise-name/reservation'
import { divisionData } from '../../core/divisions'
import type { RegisterRow } from './repository'
import { industryLexicon, zihaoPinyin } from './rule-data'

/** The existing name docs/domain-rules.md §1.8 compares against (成都锦城物流 is its homophone). */
export const EXAMPLE_EXISTING: RegisterRow = {
  cityCode: '510100',
  name: '成都锦程物流有限公司',
  division: '成都',
  zihao: '锦程',
  zihaoPinyin: 'jincheng',
  industry: '物流',
  industryGroup: 'logistics',
  form: '有限公司',
  status: 'registered',
  statusDate: '2019-05-20',
  expiresAt: null,
}

/** Demo cities and their share of the names. */
export const DEMO_CITIES: [code: string, weight: number][] = [
  ['510100', 30],
  ['510700', 8],
  ['110100', 16],
  ['310100', 16],
  ['440100', 12],
  ['440300', 10],
  ['330100', 8],
]

const FIRST = [
  ...'华鑫盛兴达恒泰德瑞宏鸿嘉康祥福天博创汇源信诚利通远明辉昌隆丰益宇腾飞龙佳优卓越锐智捷顺永宝富荣海星晨润泽晟昊骏凯欣悦尚品鼎峰帆航惠景俊立茂铭朗启群仁森硕韬拓伟翔旭扬耀逸毅颖裕元展振志众',
]
const SECOND = [
  ...'华鑫盛兴达恒泰德瑞宏鸿嘉康祥福源信诚利通远明辉昌隆丰益宇腾飞佳优卓越锐智捷顺宝富荣晨润泽晟昊骏凯欣悦尚品鼎峰帆航惠景俊立茂铭朗启群森硕韬拓伟翔旭扬耀逸毅颖裕元展振志众',
]
const THIRD = [...'达通源成盛兴华信恒祥泰鑫诚丰']

const INDUSTRIES = [
  '网络科技',
  '信息技术',
  '物流',
  '餐饮管理',
  '建筑工程',
  '房地产开发',
  '商贸',
  '贸易',
  '文化传媒',
  '教育咨询',
  '企业管理',
  '科技',
  '电子科技',
  '生物科技',
  '医药',
  '装饰工程',
  '机械设备',
  '环保科技',
  '农业开发',
  '食品',
  '酒店管理',
  '物业管理',
  '人力资源',
  '广告',
  '旅游',
  '汽车服务',
  '电子商务',
  '供应链',
  '投资管理',
  '新能源',
  '智能科技',
  '园林绿化',
  '家政服务',
  '健康管理',
  '体育文化',
  '影视文化',
  '建材',
  '五金',
  '服装',
  '家居',
  '印刷',
  '化工',
  '劳务',
  '安防科技',
  '检测',
  '工程设计',
  '软件',
  '数字科技',
  '茶业',
  '酒业',
  '仓储',
  '货运',
  '国际贸易',
  '国际货运代理',
  '医疗科技',
  '教育科技',
  '文化发展',
  '美容',
  '汽车销售',
  '电力工程',
  '消防工程',
  '市政工程',
  '餐饮',
  '网络技术',
  '信息咨询',
  '置业',
  '地产',
  '运输',
]

// 字号 the §1.8 examples and the e2e journey rely on being free (or, for 锦程, existing once).
const PROTECTED_PINYIN = new Set(['ronguang', 'xiongmao', 'jincheng'])
const PROTECTED = ['蓉光', '熊猫', '锦程', '锦城']

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const zihaoVerdicts = new Map<string, boolean>()
/** A 字号 the rules would let stand on its own: distinctive, nothing prohibited or restricted, not protected. */
function usableZihao(zihao: string): boolean {
  let ok = zihaoVerdicts.get(zihao)
  if (ok === undefined) {
    const gazetteer = divisionData().gazetteer
    ok =
      !PROTECTED_PINYIN.has(zihaoPinyin(zihao)) &&
      !PROTECTED.some((p) => zihao.includes(p) || p.includes(zihao)) &&
      !gazetteer.lookup(zihao).length &&
      !industryLexicon.find(zihao) &&
      !NAME_WORDS.some(({ word }) => zihao.includes(word)) &&
      ![...CROWN_WORDS, '国际'].some((word) => zihao.includes(word))
    zihaoVerdicts.set(zihao, ok)
  }
  return ok
}

interface CityPlan {
  code: string
  province: string
  city: string
  districts: string[]
}

function cityPlan(code: string): CityPlan {
  const data = divisionData()
  const scope = data.scope(code)
  if (!scope) throw new Error(`unknown demo city ${code}`)
  const short = (aliases: string[]) => aliases[aliases.length - 1]
  const cityNode = scope.city ?? scope.province
  const districts = (data.childrenOf(code) ?? [])
    .map((entry) => data.location(entry.code)?.county)
    .filter((county) => county && county.kind !== 'zone')
    .map((county) => short(county!.aliases))
  return { code, province: short(scope.province.aliases), city: short(cityNode.aliases), districts }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Yields `count` distinct names (plus the §1.8 example first), in batches for bulk inserts. */
export function* generateRegister(count: number, options: { seed?: number; baseDate?: string; batchSize?: number } = {}): Generator<RegisterRow[]> {
  const random = mulberry32(options.seed ?? 20261124)
  const baseDate = options.baseDate ?? '2026-11-20'
  const batchSize = options.batchSize ?? 5000
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const plans = DEMO_CITIES.map(([code, weight]) => ({ plan: cityPlan(code), weight }))
  const totalWeight = plans.reduce((sum, p) => sum + p.weight, 0)
  const seen = new Set<string>([`${EXAMPLE_EXISTING.cityCode}|${EXAMPLE_EXISTING.name}`])
  let batch: RegisterRow[] = [EXAMPLE_EXISTING]
  let produced = 1
  while (produced < count) {
    let roll = random() * totalWeight
    const { plan } = plans.find((p) => (roll -= p.weight) < 0) ?? plans[0]
    const zihao = pick(FIRST) + pick(SECOND) + (random() < 0.25 ? pick(THIRD) : '')
    if (zihao[0] === zihao[1] || !usableZihao(zihao)) continue
    const industry = pick(INDUSTRIES)
    const formRoll = random()
    const form = formRoll < 0.85 ? '有限公司' : formRoll < 0.92 ? '有限责任公司' : '股份有限公司'
    const group = random() < 0.03 ? '集团' : ''
    const divisionRoll = random()
    const district = plan.districts.length ? pick(plan.districts) : ''
    const [division, name] =
      divisionRoll < 0.6
        ? [plan.city, `${plan.city}${zihao}${industry}${group}${form}`]
        : divisionRoll < 0.7 && plan.province !== plan.city
          ? [plan.province, `${plan.province}${zihao}${industry}${group}${form}`]
          : divisionRoll < 0.9 && district
            ? [plan.city + district, `${plan.city}${district}${zihao}${industry}${group}${form}`]
            : [plan.city, `${zihao}${industry}${group}（${plan.city}）${form}`]
    const key = `${plan.code}|${name}`
    if (seen.has(key)) continue
    seen.add(key)
    const statusRoll = random()
    const status: RegisterStatus = statusRoll < 0.85 ? 'registered' : statusRoll < 0.92 ? 'cancelled' : statusRoll < 0.95 ? 'changed' : 'reserved'
    const statusDate = addDays(baseDate, -Math.floor(random() * (status === 'registered' ? 9000 : status === 'reserved' ? 90 : 1100)))
    batch.push({
      cityCode: plan.code,
      name,
      division,
      zihao,
      zihaoPinyin: zihaoPinyin(zihao),
      industry,
      industryGroup: industryGroupOf(industry, industryLexicon)?.id ?? null,
      form,
      status,
      statusDate,
      expiresAt: status === 'reserved' ? reservationPeriod(statusDate, false).expiresAt : null,
    })
    produced++
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}
