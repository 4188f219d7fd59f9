/** POST /names/check and the data endpoints behind the name declaration pages (shared/domain §1). */
import { api, startTestServer, type TestServer } from './harness'
import { checkName, findingsOf, importNames, WUHOU } from './name-helpers'

let server: TestServer

beforeAll(async () => {
  server = await startTestServer()
  // TUESDAY_10AM is 2026-11-24: "under a year ago" means after 2025-11-24.
  const report = await importNames(server, [
    '成都翠竹科技有限公司,registered,2020-03-01,510100',
    '成都墨池有限公司,registered,2021-06-01,510100',
    '成都雁栖置业有限公司,registered,2022-01-10,510100',
    '成都青柠餐饮有限公司,reserved,2026-11-01,510100',
    '成都檀木物流有限公司,reserved,2026-08-01,510100',
    '成都云杉贸易有限公司,cancelled,2026-03-01,510100',
    '成都石榴贸易有限公司,cancelled,2025-03-01,510100',
    '成都银杏文化传媒有限公司,changed,2026-05-01,510100',
    '成都鸿发物流有限公司,registered,2018-01-01,510100',
    '成都蓝鲸达物流有限公司,registered,2018-01-01,510100',
    '绵阳紫藤科技有限公司,registered,2020-01-01,510700',
  ])
  expect(report).toMatchObject({ lines: 11, inserted: 11, rejectedTotal: 0 })
}, 60_000)
afterAll(() => server.close())

async function verdictOf(name: string, options?: Parameters<typeof checkName>[2]) {
  const reply = await checkName(server, name, options)
  expect(reply.statusCode).toBe(200)
  return reply.json() as {
    verdict: string
    name: string
    parts: Record<string, unknown>
    findings: { severity: string; rule: string; message: string; matches?: { name: string; status: string }[] }[]
  }
}

describe('the §1.8 table through the API (the register holds 成都锦程物流有限公司)', () => {
  it.each([
    ['成都蓉光网络科技有限公司', 'accept', null],
    ['四川蓉光网络科技有限公司', 'accept', null],
    ['成都武侯蓉光网络科技有限公司', 'accept', null],
    ['武侯蓉光网络科技有限公司', 'reject', '第七条'],
    ['蓉光网络科技（成都）有限公司', 'accept', null],
    ['北京蓉光网络科技有限公司', 'reject', '第七条'],
    ['成都光网络科技有限公司', 'reject', '第八条'],
    ['成都ABC网络科技有限公司', 'reject', '第五条'],
    ['成都蓉光网络科技公司', 'reject', '公司法》第七条'],
    ['中华蓉光网络科技有限公司', 'reject', '第十二条'],
    ['成都熊猫国际贸易有限公司', 'accept', null],
    ['成都解放军装备有限公司', 'reject', '第十一条第（三）项'],
    ['成都锦程物流有限公司', 'reject', '第十七条'],
    ['成都锦城物流有限公司', 'warn', '比对规则'],
    ['成都锦程餐饮有限公司', 'warn', '比对规则'],
  ])('%s → %s', async (name, verdict, rule) => {
    const body = await verdictOf(name)
    expect(body.verdict).toBe(verdict)
    expect(body.name).toBe(name)
    if (rule) expect(body.findings.map((f) => f.rule).join(' ')).toContain(rule)
    else expect(body.findings).toEqual([])
  })

  it('answers exactly { verdict, name, parts, findings } with the matched names', async () => {
    const body = await verdictOf('成都锦城物流有限公司')
    expect(Object.keys(body).sort()).toEqual(['findings', 'name', 'parts', 'verdict'])
    expect(body.parts).toEqual({ division: '成都', divisionPlacement: 'prefix', zihao: '锦城', industry: '物流', group: false, china: false, form: '有限公司' })
    expect(body.findings).toEqual([
      {
        severity: 'warn',
        rule: '《企业名称相同相近比对规则》；《企业名称登记管理规定》第十六条',
        message: '字号“锦城”与本市同行业已有名称的字号读音相同，可能构成近似名称',
        matches: [{ name: '成都锦程物流有限公司', status: 'registered' }],
      },
    ])
  })
})

describe('identical names (§1.6) → reject', () => {
  it.each([
    ['a registered name, reordered', '翠竹科技（成都）有限公司', '成都翠竹科技有限公司', 'registered'],
    ['a registered name, another division level', '四川翠竹科技有限公司', '成都翠竹科技有限公司', 'registered'],
    ['a registered name, another form', '成都翠竹科技有限责任公司', '成都翠竹科技有限公司', 'registered'],
    ['a registered name without industry', '成都墨池餐饮有限公司', '成都墨池有限公司', 'registered'],
    ['a name reserved by someone else', '成都青柠餐饮有限公司', '成都青柠餐饮有限公司', 'reserved'],
    ['a name cancelled under a year ago', '成都云杉贸易有限公司', '成都云杉贸易有限公司', 'cancelled'],
    ['a name changed under a year ago', '成都银杏文化传媒有限公司', '成都银杏文化传媒有限公司', 'changed'],
  ])('%s', async (_case, name, existing, status) => {
    const body = await verdictOf(name)
    expect(body.verdict).toBe('reject')
    const identical = body.findings.find((f) => f.severity === 'reject')!
    expect(identical.rule).toContain('第十七条')
    expect(identical.matches).toEqual([{ name: existing, status }])
  })

  it('counts a different district of the same 设区的市 (scope is the city)', async () => {
    const body = await verdictOf('成都翠竹科技有限公司', { at: '510104' })
    expect(body.verdict).toBe('reject')
  })

  it.each([
    ['a reservation that has expired', '成都檀木物流有限公司'],
    ['a name cancelled more than a year ago', '成都石榴贸易有限公司'],
    ['the same name in another city', '成都紫藤科技有限公司'],
  ])('does not count %s', async (_case, name) => {
    expect((await verdictOf(name)).verdict).toBe('accept')
  })
})

describe('similar names (§1.6) → warn', () => {
  it.each([
    ['a synonymous industry wording', '成都雁栖地产有限公司', '成都雁栖置业有限公司'],
    ['a homophone 字号', '成都宏发物流有限公司', '成都鸿发物流有限公司'],
    ['a 字号 contained in an existing one', '成都蓝鲸物流有限公司', '成都蓝鲸达物流有限公司'],
    ['an existing 字号 contained in it', '成都翠竹园科技有限公司', '成都翠竹科技有限公司'],
    ['the same 字号 in another industry', '成都翠竹餐饮有限公司', '成都翠竹科技有限公司'],
  ])('%s', async (_case, name, existing) => {
    const body = await verdictOf(name)
    expect(body.verdict).toBe('warn')
    expect(body.findings).toEqual([expect.objectContaining({ severity: 'warn', matches: [{ name: existing, status: 'registered' }] })])
  })
})

describe('every finding at once', () => {
  it('reports rule findings before collisions, in the order of §1.7', async () => {
    const body = await verdictOf('成都锦程物流集团公司')
    expect(findingsOf(body)).toEqual([
      'reject · 有限责任公司的名称须标明“有限公司”或“有限责任公司”，仅用“公司”不符合规定',
      'warn · 使用“集团”字样须符合企业集团条件，其名称应与控股企业名称的行政区划、字号、行业一致，登记时须提交相关证明',
      'reject · 字号“锦程”与本市同行业已有名称的字号相同；仅行政区划、组织形式或排列顺序不同的，视为相同名称，不能申报（有投资关系的请到窗口办理）',
    ])
  })

  it('checks explicit parts the same way and composes the name', async () => {
    const reply = await api(server).post('/api/v1/names/check', {
      locationCode: '110108',
      entityType: 'joint_stock',
      parts: { division: '北京海淀', divisionPlacement: 'prefix', zihao: '翠竹', industry: '科技', group: false, china: false, form: '股份有限公司' },
    })
    expect(reply.json()).toMatchObject({ verdict: 'accept', name: '北京海淀翠竹科技股份有限公司' })
  })
})

describe('input and data endpoints', () => {
  it.each([
    [{ locationCode: '999999', entityType: 'llc', name: '成都蓉光科技有限公司' }, 'UNKNOWN_LOCATION'],
    [{ locationCode: WUHOU, entityType: 'llc' }, 'NAME_OR_PARTS'],
    [{ locationCode: WUHOU, entityType: 'company', name: '成都蓉光科技有限公司' }, 'VALIDATION'],
    [{ locationCode: WUHOU, entityType: 'llc', name: '成都蓉光科技有限公司', extra: 1 }, 'VALIDATION'],
  ])('refuses bad input with 400 %#', async (body, code) => {
    const reply = await api(server).post('/api/v1/names/check', body)
    expect(reply.statusCode).toBe(400)
    expect(reply.json().code).toBe(code)
  })

  it('lists provinces → cities → counties from GB/T 2260 data', async () => {
    const provinces = (await api(server).get('/api/v1/names/divisions')).json().divisions
    expect(provinces).toHaveLength(31)
    expect(provinces).toContainEqual({ code: '510000', name: '四川省' })
    const cities = (await api(server).get('/api/v1/names/divisions?parent=510000')).json().divisions
    expect(cities).toContainEqual({ code: '510100', name: '成都市' })
    const counties = (await api(server).get('/api/v1/names/divisions?parent=510100')).json().divisions
    expect(counties).toContainEqual({ code: '510107', name: '武侯区' })
    expect((await api(server).get('/api/v1/names/divisions?parent=110000')).json().divisions).toEqual([{ code: '110100', name: '北京市' }])
    expect((await api(server).get('/api/v1/names/divisions?parent=123456')).statusCode).toBe(404)
  })

  it('describes a location with the division wordings it allows', async () => {
    const reply = await api(server).get('/api/v1/names/locations/510107')
    expect(reply.json().location).toMatchObject({
      label: '四川省成都市武侯区',
      scopeCode: '510100',
      divisionChoices: ['四川', '四川省', '成都', '成都市', '四川成都', '四川省成都市', '成都武侯', '成都市武侯区'],
      county: { name: '武侯区', kind: 'district' },
    })
  })

  it('searches industry wordings with their GB/T 4754 class', async () => {
    const body = (await api(server).get(`/api/v1/names/industries?q=${encodeURIComponent('物流')}`)).json()
    expect(body.industries[0]).toEqual({ word: '物流', code: 'G54', label: '道路运输业' })
    expect((await api(server).get('/api/v1/names/industries')).json().industries).toHaveLength(50)
  })
})

describe('rate limit', () => {
  it('limits anonymous checks per client when rate limiting is on', async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT: 'on' } })
    try {
      const replies = []
      for (let i = 0; i < 125; i++) replies.push((await checkName(limited, '成都蓉光科技有限公司')).statusCode)
      expect(replies.filter((s) => s === 200)).toHaveLength(120)
      expect(replies.at(-1)).toBe(429)
    } finally {
      await limited.close()
    }
  }, 120_000)
})
