import { CHANGE, runContractCheck, type ContractCheck } from '../../scripts/contract-check'

/**
 * Done-when of issue #15: a change of a response schema breaks the app's type check and its fixtures'
 * validation. The check renames one field of the hall schema in a temporary copy of the repository.
 */
describe('one contract from BFF to app', () => {
  let result: ContractCheck

  beforeAll(() => {
    result = runContractCheck()
  }, 600_000)

  it('starts from fixtures that match the schemas', () => {
    expect(result.baseline).toMatchObject({ status: 0 })
    expect(result.baseline.output).toContain('fixtures match the schemas')
  })

  it('fails the type check where the app and its fixtures use the renamed field', () => {
    expect(result.typecheck.status).not.toBe(0)
    const files = result.typecheck.errors.map((line) => line.split('(')[0])
    expect(files).toEqual(expect.arrayContaining(['__tests__/app/support/fixtures.ts']))
    expect(files.some((file) => file.startsWith('src/'))).toBe(true)
  })

  it("fails the fixtures' validation, naming the field the BFF now sends", () => {
    expect(result.fixtures.status).not.toBe(0)
    expect(result.fixtures.output).toContain("fixture does not match the BFF's schema")
    expect(result.fixtures.output).toContain(`/${CHANGE.to.split(':')[0]}: Expected required property`)
  })
})
