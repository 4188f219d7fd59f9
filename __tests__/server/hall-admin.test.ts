/**
 * Hall administration (issue 18): a platform administrator creates a hall and its administrator, who
 * sets it up from nothing — categories, windows, staff — with every change audited; the window switch
 * 暂停服务 drives the queue; a hall administrator never reaches another hall.
 */
import { api, citizen, loginBySms, nextPhone, staffLogin, startTestServer, type TestServer } from './harness'
import { insertCitizens, take, takeAndCheckIn } from './queue-helpers'
import { HUAYANG_SETTINGS } from '../support/hall-settings'

jest.setTimeout(120_000)

let server: TestServer
let platform: string
let tianfuAdmin: string
let kexuechengAdmin: string

beforeAll(async () => {
  server = await startTestServer()
  platform = await staffLogin(server, '13900000000')
  tianfuAdmin = await staffLogin(server, '13900000005')
  kexuechengAdmin = await staffLogin(server, '13900000015')
})
afterAll(() => server.close())

const hall = (id: string, overrides: Record<string, unknown> = {}) => ({ id, ...HUAYANG_SETTINGS, ...overrides })
const settingsOf = (body: Record<string, unknown>) => {
  const { id: _id, categories: _c, windows: _w, ...settings } = body
  return settings
}
const category = { code: 'A', name: '综合受理', dailyQuota: 100, perPersonDailyCap: 2, avgHandleMinutes: 10, elderlyPriorityAge: null }
const window = (number: number, categoryCodes = ['A']) => ({ number, name: `综合窗口${number}`, categoryCodes, priority: false })

describe('setting a hall up from nothing', () => {
  it('a platform administrator creates a hall and its administrator, who adds a category, a window and staff; a citizen takes a number there', async () => {
    const created = await api(server, platform).post('/api/v1/platform/halls', hall('huayang'))
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ id: 'huayang', level: 'street', parentHallId: 'tianfu', categories: [], windows: [] })

    const adminPhone = nextPhone()
    const invited = await api(server, platform).post('/api/v1/platform/halls/huayang/admins', { phone: adminPhone })
    expect(invited.statusCode).toBe(200)
    expect(invited.json().staff).toEqual([
      expect.objectContaining({
        phoneMasked: `${adminPhone.slice(0, 3)}****${adminPhone.slice(7)}`,
        roles: [{ role: 'admin', windowNumber: null }],
        disabled: false,
      }),
    ])
    const admin = await loginBySms(server, adminPhone)
    // The profile tells the app whom to offer 管理: the platform's administrator, and the hall's through its role.
    expect((await api(server, platform).get('/api/v1/me')).json()).toMatchObject({ platformAdmin: true })
    expect((await api(server, admin).get('/api/v1/me')).json()).toMatchObject({
      platformAdmin: false,
      staff: [{ role: 'admin', hallId: 'huayang', windowId: null }],
    })
    expect((await api(server, admin).get('/api/v1/admin/halls')).json().halls).toEqual([
      { id: 'huayang', name: '华阳街道便民服务中心', level: 'street', parentHallId: 'tianfu' },
    ])

    expect((await api(server, admin).post('/api/v1/admin/halls/huayang/categories', category)).statusCode).toBe(201)
    expect((await api(server, admin).post('/api/v1/admin/halls/huayang/windows', window(1))).statusCode).toBe(201)
    const staffPhone = nextPhone()
    const staffed = await api(server, admin).post('/api/v1/admin/halls/huayang/staff', { phone: staffPhone, role: 'staff', windowNumber: 1 })
    expect(staffed.statusCode).toBe(200)
    const windowStaff = await loginBySms(server, staffPhone)

    // The new hall is public at once, and its line works end to end.
    const halls = (await api(server).get('/api/v1/halls')).json().halls as { id: string; categories: { id: string }[] }[]
    expect(halls.find((h) => h.id === 'huayang')?.categories).toEqual([expect.objectContaining({ id: 'huayang-A', code: 'A', name: '综合受理' })])
    const [person] = await insertCitizens(server, 1)
    const ticket = await takeAndCheckIn(server, person.token, windowStaff, 'huayang-A')
    expect(ticket.number).toBe('A001')
    const called = await api(server, windowStaff).post('/api/v1/staff/windows/huayang-w1/call-next')
    expect(called.statusCode).toBe(200)
    expect(called.json().current.number).toBe('A001')

    // Every change is in the hall's history, with before and after.
    const history = (await api(server, admin).get('/api/v1/admin/halls/huayang/history')).json().entries as { action: string; target: string }[]
    expect(history.map((e) => e.action)).toEqual([
      'admin.staff.invite',
      'admin.window.create',
      'admin.category.create',
      'admin.staff.invite',
      'admin.hall.create',
    ])
  })

  it('refuses settings that break the rules, in Chinese, and changes nothing', async () => {
    const cases: [string, string, Record<string, unknown>, number, RegExp][] = [
      ['post', '/api/v1/platform/halls', hall('huayang'), 409, /已被使用/],
      ['post', '/api/v1/platform/halls', hall('x1', { closeTime: '08:00' }), 400, /结束办公时间须晚于开始办公时间/],
      ['post', '/api/v1/platform/halls', hall('x2', { parentHallId: null }), 400, /须设置上级服务中心/],
      ['post', '/api/v1/platform/halls', hall('x3', { level: 'district' }), 400, /层级须高于本中心/],
      ['post', '/api/v1/platform/halls', hall('x4', { geofenceMeters: 5 }), 400, /签到范围（米）/],
      ['post', '/api/v1/admin/halls/huayang/categories', { ...category, code: 'Y' }, 400, /预约号/],
      ['post', '/api/v1/admin/halls/huayang/categories', category, 409, /已有类别 A/],
      ['post', '/api/v1/admin/halls/huayang/windows', window(2, ['B']), 400, /没有类别 B/],
      ['post', '/api/v1/admin/halls/huayang/windows', window(1), 409, /已有 1 号窗口/],
      ['post', '/api/v1/admin/halls/huayang/staff', { phone: nextPhone(), role: 'reviewer', windowNumber: 1 }, 400, /只有窗口岗位/],
      ['post', '/api/v1/admin/halls/huayang/staff', { phone: '12345', role: 'staff', windowNumber: null }, 400, /手机号/],
    ]
    for (const [, url, body, status, message] of cases) {
      const reply = await api(server, platform).post(url, body)
      expect([url, reply.statusCode, reply.json().message]).toEqual([url, status, expect.stringMatching(message)])
    }
    expect((await api(server).get('/api/v1/halls')).json().halls.map((h: { id: string }) => h.id)).not.toEqual(expect.arrayContaining(['x1']))
    const view = (await api(server, platform).get('/api/v1/admin/halls/huayang')).json()
    expect(view.categories).toHaveLength(1)
    expect(view.windows).toHaveLength(1)
  })
})

describe('who administers what', () => {
  it("refuses a hall administrator on another hall, and on the platform's routes", async () => {
    const kexuecheng = await api(server, tianfuAdmin).get('/api/v1/admin/halls/kexuecheng')
    expect(kexuecheng.statusCode).toBe(403)
    expect(kexuecheng.json().message).toBe('您不是该服务中心的管理员')
    expect((await api(server, kexuechengAdmin).post('/api/v1/admin/halls/tianfu/categories', { ...category, code: 'Q' })).statusCode).toBe(403)
    expect((await api(server, tianfuAdmin).post('/api/v1/platform/halls', hall('x5'))).statusCode).toBe(403)
    // A station under tianfu that is not parent-managed is not tianfu's either.
    expect((await api(server, tianfuAdmin).get('/api/v1/admin/halls/huayang')).statusCode).toBe(403)
    // Window staff and citizens are not administrators.
    expect((await api(server, await staffLogin(server, '13900000001')).get('/api/v1/admin/halls/tianfu')).statusCode).toBe(403)
    expect((await api(server, await citizen(server)).get('/api/v1/admin/halls')).statusCode).toBe(403)
  })

  it('lets the parent hall administer a parent-managed station; only the platform moves a hall in the service system', async () => {
    const current = settingsOf((await api(server, platform).get('/api/v1/admin/halls/huayang')).json())
    const byHallAdmin = await api(server, tianfuAdmin).put('/api/v1/admin/halls/tianfu', {
      ...settingsOf((await api(server, tianfuAdmin).get('/api/v1/admin/halls/tianfu')).json()),
      parentManaged: false,
      level: 'street',
    })
    expect(byHallAdmin.statusCode).toBe(403)
    expect(byHallAdmin.json().message).toMatch(/只能由平台管理员修改/)

    expect((await api(server, platform).put('/api/v1/admin/halls/huayang', { ...current, parentManaged: true })).statusCode).toBe(200)
    expect((await api(server, tianfuAdmin).get('/api/v1/admin/halls')).json().halls.map((h: { id: string }) => h.id)).toEqual(['tianfu', 'huayang'])
    const renamed = await api(server, tianfuAdmin).put('/api/v1/admin/halls/huayang', { ...current, parentManaged: true, phone: '028-85611111' })
    expect(renamed.statusCode).toBe(200)
    // The kexuecheng administrator still cannot.
    expect((await api(server, kexuechengAdmin).get('/api/v1/admin/halls/huayang')).statusCode).toBe(403)

    const history = (await api(server, tianfuAdmin).get('/api/v1/admin/halls/huayang/history?target=hall:huayang')).json().entries
    expect(history[0]).toMatchObject({
      action: 'admin.hall.update',
      actorNameMasked: '孙**',
      before: { phone: '028-85600000' },
      after: { phone: '028-85611111' },
    })
  })
})

describe('暂停服务 / 恢复', () => {
  it('a paused window calls nobody and leaves the wait estimate; resuming brings it back', async () => {
    // kexuecheng: two windows for one new category, 10 minutes each, four people waiting.
    await api(server, kexuechengAdmin).post('/api/v1/admin/halls/kexuecheng/categories', { ...category, code: 'P', name: '测试类别' })
    for (const n of [51, 52]) await api(server, kexuechengAdmin).post('/api/v1/admin/halls/kexuecheng/windows', { ...window(n, ['P']) })
    const staffPhone = nextPhone()
    await api(server, kexuechengAdmin).post('/api/v1/admin/halls/kexuecheng/staff', { phone: staffPhone, role: 'staff', windowNumber: 51 })
    const staff = await loginBySms(server, staffPhone)
    for (const person of await insertCitizens(server, 4)) await takeAndCheckIn(server, person.token, staff, 'kexuecheng-P')
    const waitNow = async () => (await take(server, (await insertCitizens(server, 1))[0].token, 'kexuecheng-P')).json().estimatedWaitMinutes
    const both = await waitNow()

    const paused = await api(server, kexuechengAdmin).post('/api/v1/admin/halls/kexuecheng/windows/51/pause')
    expect(paused.json().windows.find((w: { number: number }) => w.number === 51).paused).toBe(true)
    const one = await waitNow()
    expect(one.min).toBeGreaterThan(both.min * 1.5)
    const refused = await api(server, staff).post('/api/v1/staff/windows/kexuecheng-w51/call-next')
    expect(refused.statusCode).toBe(409)
    expect(refused.json().message).toMatch(/暂停服务/)

    await api(server, kexuechengAdmin).post('/api/v1/admin/halls/kexuecheng/windows/51/resume')
    expect((await api(server, staff).post('/api/v1/staff/windows/kexuecheng-w51/call-next')).statusCode).toBe(200)
    const actions = (await api(server, kexuechengAdmin).get('/api/v1/admin/halls/kexuecheng/history?target=hall_window:kexuecheng-w51')).json().entries
    expect(actions.map((e: { action: string }) => e.action)).toEqual(['admin.window.resume', 'admin.window.pause', 'admin.window.create'])
  })
})

describe('staff accounts', () => {
  it('a disabled account loses its workbench on its next request, keeps its record, and comes back when enabled', async () => {
    const phone = nextPhone()
    const list = (await api(server, tianfuAdmin).post('/api/v1/admin/halls/tianfu/staff', { phone, role: 'reviewer', windowNumber: null })).json().staff
    const member = list.find((m: { phoneMasked: string }) => m.phoneMasked === `${phone.slice(0, 3)}****${phone.slice(7)}`)
    expect(member).toMatchObject({ nameMasked: '未实名', lastActiveAt: null, disabled: false })
    const reviewer = await loginBySms(server, phone)
    expect((await api(server, reviewer).get('/api/v1/review/queue?hallId=tianfu')).statusCode).toBe(200)

    const disabled = await api(server, tianfuAdmin).post(`/api/v1/admin/halls/tianfu/staff/${member.userId}/disable`)
    expect(disabled.json().staff.find((m: { userId: string }) => m.userId === member.userId)).toMatchObject({
      disabled: true,
      lastActiveAt: expect.any(String),
    })
    expect((await api(server, reviewer).get('/api/v1/review/queue?hallId=tianfu')).statusCode).toBe(403)
    expect((await api(server, reviewer).get('/api/v1/me')).json().staff).toEqual([])

    await api(server, tianfuAdmin).post(`/api/v1/admin/halls/tianfu/staff/${member.userId}/enable`)
    expect((await api(server, reviewer).get('/api/v1/review/queue?hallId=tianfu')).statusCode).toBe(200)
    // An administrator cannot lock themselves out, and another hall's staff are not found here.
    const me = (await api(server, tianfuAdmin).get('/api/v1/me')).json().id
    expect((await api(server, tianfuAdmin).post(`/api/v1/admin/halls/tianfu/staff/${me}/disable`)).statusCode).toBe(409)
    const other = (await api(server, kexuechengAdmin).get('/api/v1/me')).json().id
    expect((await api(server, tianfuAdmin).post(`/api/v1/admin/halls/tianfu/staff/${other}/disable`)).statusCode).toBe(404)
  })
})
