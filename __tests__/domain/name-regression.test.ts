/**
 * Two regression sets for the name rules, run as the BFF runs them (national divisions, OpenCC):
 * - name-regression/registered-names.json: real registered names, each checked at its own location, must never be
 *   rejected (a 限用 or 提示 is allowed: famous marks' own names get the famous-mark 提示);
 * - name-regression/refused-names.json: names the rules must reject, each with the rule its refusal must cite.
 * The false-reject and false-accept counts are printed and must both be zero.
 */
import registered from './name-regression/registered-names.json'
import refused from './name-regression/refused-names.json'
import { checkNameRules, verdictOf } from '../../src/domain/enterprise-name/rules'
import type { EntityType, Finding } from '../../src/domain/enterprise-name/types'
import { divisionData } from '../../server/core/divisions'
import { ruleDataFor } from '../../server/modules/name/rule-data'

/** The county code of "省 市 [区县]"; without a county, the city's first county (the rules read only its city). */
function locationCode(label: string): string {
  const data = divisionData()
  const [provinceName, cityName, countyName] = label.split(' ')
  const province = data.provinces.find((p) => p.name === provinceName)
  const city = province && data.childrenOf(province.code)?.find((c) => c.name === cityName)
  if (!city) throw new Error(`unknown location ${label}`)
  const counties = data.childrenOf(city.code) ?? []
  const county = countyName ? counties.find((c) => c.name === countyName) : counties[0]
  if (!county) throw new Error(`unknown county in ${label}`)
  return county.code
}

const entityTypeOf = (name: string): EntityType => (/股份(有限)?公司$/.test(name) ? 'joint_stock' : 'llc')

function check(name: string, code: string, entityType: EntityType): Finding[] {
  return checkNameRules({ entityType, name }, ruleDataFor(divisionData().location(code)!)).findings
}

const rejections = (findings: Finding[]) => findings.filter((f) => f.severity === 'reject').map((f) => `${f.code}: ${f.message}`)

describe('regression sets', () => {
  it(`never rejects any of the ${registered.names.length} real registered names`, () => {
    expect(registered.names.length).toBeGreaterThanOrEqual(300)
    const falseRejects = registered.names
      .map(({ name, location }) => ({ name, location, reasons: rejections(check(name, locationCode(location), entityTypeOf(name))) }))
      .filter((r) => r.reasons.length)
    console.log(`name regression (registered names, ${registered.names.length}): false rejects ${falseRejects.length}`)
    expect(falseRejects).toEqual([])
  })

  it(`rejects every one of the ${refused.names.length} refused names, citing the expected rule`, () => {
    expect(refused.names.length).toBeGreaterThanOrEqual(100)
    const results = refused.names.map(({ name, expect: code, entityType }) => {
      const findings = check(name, refused.location, (entityType ?? 'llc') as EntityType)
      return { name, code, verdict: verdictOf(findings), codes: findings.map((f) => f.code) }
    })
    const falseAccepts = results.filter((r) => r.verdict !== 'reject')
    console.log(`name regression (refused names, ${refused.names.length}): false accepts ${falseAccepts.length}`)
    expect(falseAccepts).toEqual([])
    expect(results.filter((r) => !r.codes.includes(r.code))).toEqual([])
  })

  it('gives the genuine owner of a famous mark a 提示 for manual review, not a rejection', () => {
    const findings = check('贵州茅台酒股份有限公司', locationCode('贵州省 遵义市 仁怀市'), 'joint_stock')
    expect(verdictOf(findings)).toBe('warn')
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'famous.mark', severity: 'warn' })]))
  })
})
