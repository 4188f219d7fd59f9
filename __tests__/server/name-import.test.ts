/** The register importer (`npm run names:import -- FILE.csv`): idempotent, streaming, honest about bad lines. */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { importRegister } from '../../server/modules/name/importer'
import { startTestServer, type TestServer } from './harness'
import { checkName, importNames } from './name-helpers'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
}, 60_000)
afterAll(() => server.close())

const registerRow = async (name: string) =>
  (
    await server.db.query<{ zihao: string; industry: string; division: string; form: string; status: string; status_date: string; source: string }>(
      `select zihao, industry, division, form, status, to_char(status_date, 'YYYY-MM-DD') as status_date, source from name_register where name = $1`,
      [name],
    )
  ).rows

describe('importing the register', () => {
  const lines = [
    '成都翡翠物流有限公司,registered,2020-01-02,510100',
    '"翡翠网络科技（成都）有限公司",registered,2021-02-03,510100',
    '"北京翡翠,文化传媒有限公司",cancelled,2026-01-01,110100',
    '四川翡翠投资中心（有限合伙）,reserved,2026-11-20,510100',
    '成都琥珀餐饮有限公司,registered,2020-01-02,510100,extra',
    '成都琥珀餐饮有限公司,active,2020-01-02,510100',
    '成都琥珀餐饮有限公司,registered,2020-02-30,510100',
    '成都琥珀餐饮有限公司,registered,2020-01-02,510000',
    '"成都琥珀餐饮有限公司,registered,2020-01-02,510100',
    ',registered,2020-01-02,510100',
    '成都ABC有限公司,registered,2020-01-02,510100',
  ]

  it('imports good lines, reads their parts and reports every bad line with its number and reason', async () => {
    const report = await importNames(server, lines)
    expect(report).toMatchObject({ lines: 11, inserted: 4, updated: 0, unchanged: 0, rejectedTotal: 7 })
    expect(report.rejected).toEqual([
      { line: 6, reason: '应有 4 列，实际 5 列' },
      { line: 7, reason: '状态“active”不正确，应为 registered/reserved/cancelled/changed' },
      { line: 8, reason: '状态日期“2020-02-30”不是有效日期（YYYY-MM-DD）' },
      { line: 9, reason: 'city_code“510000”不是设区的市（或省直辖县级单位）的代码' },
      { line: 10, reason: '引号不匹配' },
      { line: 11, reason: '名称为空或长度不正确' },
      { line: 12, reason: '无法从名称中识别字号' },
    ])
    expect(await registerRow('翡翠网络科技（成都）有限公司')).toEqual([
      { zihao: '翡翠', industry: '网络科技', division: '成都', form: '有限公司', status: 'registered', status_date: '2021-02-03', source: 'import' },
    ])
    expect((await registerRow('四川翡翠投资中心（有限合伙）'))[0]).toMatchObject({
      zihao: '翡翠',
      industry: '投资',
      form: '中心（有限合伙）',
      status: 'reserved',
    })
    expect(await registerRow('北京翡翠,文化传媒有限公司')).toHaveLength(1)
  })

  it('changes nothing when the same file comes again, and only the changed rows when they change', async () => {
    const again = await importNames(server, lines)
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, rejectedTotal: 7 })
    const changed = await importNames(server, ['成都翡翠物流有限公司,cancelled,2026-10-01,510100', '成都翡翠物流有限公司,cancelled,2026-10-01,510100'])
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 })
    expect((await registerRow('成都翡翠物流有限公司'))[0]).toMatchObject({ status: 'cancelled', status_date: '2026-10-01' })
    const { rows } = await server.db.query<{ n: number }>(`select count(*)::int as n from name_register where name = '成都翡翠物流有限公司'`)
    expect(rows[0].n).toBe(1)
  })

  it('makes imported names count in the check at once', async () => {
    const body = (await checkName(server, '成都翡翠物流有限公司')).json()
    expect(body.verdict).toBe('reject')
    expect(body.findings[0].matches).toEqual([{ name: '成都翡翠物流有限公司', status: 'cancelled' }])
  })

  it('refuses a file with the wrong header', async () => {
    const report = await importRegister(server.db, Readable.from(['名称,状态\n成都翡翠物流有限公司,registered']), server.clock.now())
    expect(report).toMatchObject({ lines: 0, inserted: 0, rejected: [{ line: 1, reason: '表头应为 name,status,status_date,city_code' }] })
  })

  it('streams a large file in batches (50,000 lines)', async () => {
    async function* csv() {
      yield '\uFEFFname,status,status_date,city_code\r\n'
      for (let i = 0; i < 50_000; i++)
        yield `成都导入${String.fromCharCode(0x4e00 + (i % 5000))}${String.fromCharCode(0x4e00 + Math.floor(i / 5000))}科技有限公司,registered,2020-01-01,510100\r\n`
    }
    const started = Date.now()
    const report = await importRegister(server.db, Readable.from(csv()), server.clock.now())
    expect(report).toMatchObject({ lines: 50_000, inserted: 50_000, rejectedTotal: 0 })
    expect(Date.now() - started).toBeLessThan(60_000)
  }, 120_000)
})

describe('the command line', () => {
  it('prints a summary and the rejected lines, and exits 1 when some were rejected', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-names-import-'))
    const file = path.join(dir, 'names.csv')
    fs.writeFileSync(
      file,
      'name,status,status_date,city_code\n成都翡翠物流有限公司,registered,2020-01-02,510100\n成都琥珀餐饮有限公司,gone,2020-01-02,510100\n',
    )
    const run = promisify(execFile)
    const env = { ...process.env, DATA_DIR: dir, DATABASE_URL: '' }
    const tsx = path.resolve('node_modules/.bin/tsx')
    const error = await run(tsx, ['server/modules/name/import-cli.ts', file], { env }).catch((e: { code: number; stdout: string }) => e)
    expect(error).toMatchObject({ code: 1, stdout: expect.stringContaining('读取 2 行：新增 1，更新 0，未变 0，拒绝 1') })
    expect((error as { stdout: string }).stdout).toContain('第 3 行：状态“gone”不正确')
    const second = await run(tsx, ['server/modules/name/import-cli.ts', file], { env }).catch((e: { stdout: string }) => e)
    expect((second as { stdout: string }).stdout).toContain('新增 0，更新 0，未变 1，拒绝 1')
    fs.rmSync(dir, { recursive: true, force: true })
  }, 120_000)
})
