import { api, citizen, staffLogin, type TestServer } from './harness'
import { TIANFU_REVIEWER, startReviewServer, twoPagePdf, upload } from './review-helpers'

jest.setTimeout(120_000)

/** 天府新区: 陈思雨 reviews the market-regulation items, 黄佳怡 the health items (theme seed). */
const HEALTH_REVIEWER = '13900000006'
const CLINIC = { themeId: 'clinic', hallId: 'tianfu', answers: { subject: 'individual', kind: 'clinic', xray: 'no' } }

let suite: Awaited<ReturnType<typeof startReviewServer>>
let server: TestServer
let token: string
let market: string
let health: string
beforeAll(async () => {
  suite = await startReviewServer()
  server = suite.server
  token = await citizen(server, { name: '李诊所' })
  market = await staffLogin(server, TIANFU_REVIEWER)
  health = await staffLogin(server, HEALTH_REVIEWER)
})
afterAll(() => suite.close())

interface Application {
  id: string
  status: string
  round: number
  items: { itemId: string; caseId: string; status: string; decided: boolean; mine: boolean }[]
  progress: { total: number; approved: number; decidedThisRound: number; inRound: number }
  checklist: { saved: number; separately: number; materials: { key: string; name: string; necessity: string; lead: { caseId: string; code: string } }[] }
  notice: { round: number; entries: { materialName: string; problems: { department: string; problem: string }[] }[] } | null
  cases: { id: string; status: string; materials: { code: string; verdict: string | null; files: { id: string }[] }[] }[]
  reviewerDepartments: string[]
}

const me = () => api(server, token)
const mine = async (id: string): Promise<Application> => (await me().get(`/api/v1/theme-applications/${id}`)).json().application
const decide = (reviewer: string, id: string, itemId: string, body: object) =>
  api(server, reviewer).post(`/api/v1/staff/theme-applications/${id}/items/${itemId}/decision`, body)
const caseOf = (a: Application, itemId: string) => a.cases.find((c) => c.id === a.items.find((i) => i.itemId === itemId)!.caseId)!
const materialOf = (a: Application, itemId: string, code: string) => caseOf(a, itemId).materials.find((m) => m.code === code)!
const messages = async (id: string) =>
  (
    await server.db.query<{ title: string; body: string }>(`select title, body from messages where link = $1 order by created_at, id`, [
      `/pages/theme/application/index?id=${id}`,
    ])
  ).rows

async function create(): Promise<Application> {
  const reply = await me().post('/api/v1/theme-applications', CLINIC)
  expect(reply.statusCode).toBe(201)
  return reply.json().application
}

/** Uploads one PDF to every needed merged material, where the checklist says (its lead case). */
async function uploadAll(a: Application) {
  const pdf = await twoPagePdf()
  for (const m of a.checklist.materials.filter((x) => x.necessity !== 'optional')) {
    const reply = await upload(server, token, m.lead.caseId, m.lead.code, pdf, `${m.key}.pdf`, { contentType: 'application/pdf' })
    expect(reply.statusCode).toBe(201)
  }
}

async function submitted(): Promise<Application> {
  const a = await create()
  await uploadAll(a)
  const reply = await me().post(`/api/v1/theme-applications/${a.id}/submit`)
  expect(reply.statusCode).toBe(200)
  return reply.json().application
}

describe('a 一件事 application from the questionnaire', () => {
  it('opens one draft case per selected item and one merged checklist that shows what the merge saved', async () => {
    const a = await create()
    expect(a.items.map((i) => [i.itemId, i.status])).toEqual([
      ['individual-business-registration', 'draft'],
      ['clinic-filing', 'draft'],
    ])
    expect(a.checklist).toMatchObject({ separately: 11, saved: 2 })
    const premises = a.checklist.materials.find((m) => m.key === 'premises')!
    expect(premises.lead).toEqual({ caseId: a.items[0].caseId, code: 'M03' })
    // The joint drafts are the application's: not in 我的办件, and not counted against the pre-review draft limit.
    const cases = (await me().get('/api/v1/cases')).json().cases as { id: string }[]
    expect(cases.some((c) => a.items.some((i) => i.caseId === c.id))).toBe(false)
  })

  it('refuses answers that do not fit the questionnaire, in Chinese', async () => {
    const reply = await me().post('/api/v1/theme-applications', { ...CLINIC, answers: { subject: 'individual', kind: 'hospital' } })
    expect(reply.statusCode).toBe(400)
    expect(reply.json().message).toContain('「开办哪类医疗机构？」的选项不正确')
  })

  it('will not submit while a needed material has no file, naming the merged materials', async () => {
    const a = await create()
    const reply = await me().post(`/api/v1/theme-applications/${a.id}/submit`)
    expect(reply.statusCode).toBe(422)
    expect(reply.json().message).toContain('「经营场所产权证明或使用证明（租赁合同）」')
  })

  it('a case of the application cannot be submitted on its own through pre-review', async () => {
    const a = await create()
    const reply = await me().post(`/api/v1/cases/${a.items[0].caseId}/submit`, { deferredCodes: [] })
    expect(reply.statusCode).toBe(409)
    expect(reply.json().code).toBe('JOINT_CASE')
  })
})

describe('one submission fans out to the departments (联审)', () => {
  let a: Application
  beforeAll(async () => {
    a = await submitted()
  })

  it('sends every item to review at once and gives each item its own copy of a shared document', async () => {
    expect(a.status).toBe('reviewing')
    expect(a.items.map((i) => i.status)).toEqual(['reviewing', 'reviewing'])
    expect(a.cases.map((c) => c.status)).toEqual(['submitted', 'submitted'])
    expect(materialOf(a, 'clinic-filing', 'M03').files).toHaveLength(1)
    expect(materialOf(a, 'individual-business-registration', 'M03').files).toHaveLength(1)
    expect(a.progress).toEqual({ total: 2, approved: 0, decidedThisRound: 0, inRound: 2 })
  })

  it('puts the application in the joint-review queue, not in the single pre-review queue', async () => {
    const joint = (await api(server, health).get('/api/v1/staff/theme-applications?hallId=tianfu')).json().applications as {
      id: string
      waitingForMe: number
    }[]
    expect(joint.find((x) => x.id === a.id)).toMatchObject({ waitingForMe: 1 })
    const single = (await api(server, market).get('/api/v1/review/queue?hallId=tianfu')).json().cases as { id: string }[]
    expect(single.some((c) => a.items.some((i) => i.caseId === c.id))).toBe(false)
  })

  it('shows each reviewer the whole application, marking the items of their department', async () => {
    const seen = (await api(server, health).get(`/api/v1/staff/theme-applications/${a.id}`)).json().application as Application
    expect(seen.items.map((i) => [i.itemId, i.mine])).toEqual([
      ['individual-business-registration', false],
      ['clinic-filing', true],
    ])
    expect(seen.cases).toHaveLength(2)
    expect(seen.reviewerDepartments).toEqual(['天府新区卫生健康局'])
  })

  it('lets a reviewer decide only their own department’s item, and not through single pre-review either', async () => {
    const wrong = await decide(market, a.id, 'clinic-filing', { decision: 'approve', problems: [] })
    expect(wrong.statusCode).toBe(403)
    expect(wrong.json().message).toContain('天府新区卫生健康局')
    expect((await decide(health, a.id, 'individual-business-registration', { decision: 'approve', problems: [] })).statusCode).toBe(403)
    const bypass = await api(server, market).post(`/api/v1/review/cases/${a.items[1].caseId}/decision`, { decision: 'approve' })
    expect(bypass.statusCode).toBe(409)
    const citizenTries = await api(server, token).post(`/api/v1/staff/theme-applications/${a.id}/items/clinic-filing/decision`, {
      decision: 'approve',
      problems: [],
    })
    expect(citizenTries.statusCode).toBe(403)
  })

  it('issues ONE combined notice when the last department has decided, listing every department’s problems', async () => {
    const first = await decide(health, a.id, 'clinic-filing', {
      decision: 'needs_fix',
      problems: [
        { materialCode: 'M03', problem: '租赁合同缺少出租方签字页' },
        { materialCode: 'M02', problem: '平面图未标明诊室面积' },
      ],
    })
    expect(first.statusCode).toBe(200)
    // One department has spoken: nothing reaches the applicant yet.
    let now = await mine(a.id)
    expect(now.status).toBe('reviewing')
    expect(now.notice).toBeNull()
    expect(now.progress).toMatchObject({ decidedThisRound: 1, inRound: 2 })
    expect(await messages(a.id)).toEqual([])
    expect((await decide(health, a.id, 'clinic-filing', { decision: 'approve', problems: [] })).statusCode).toBe(409)

    const second = await decide(market, a.id, 'individual-business-registration', {
      decision: 'needs_fix',
      problems: [{ materialCode: 'M01', problem: '申请书经营范围填写不规范' }],
    })
    expect(second.statusCode).toBe(200)
    now = await mine(a.id)
    expect(now.status).toBe('needs_fix')
    expect(now.items.map((i) => i.status)).toEqual(['needs_fix', 'needs_fix'])
    expect(now.notice!.round).toBe(1)
    expect(now.notice!.entries.map((e) => [e.materialName, e.problems.map((p) => p.department)])).toEqual([
      ['个体工商户登记（备案）申请书', ['天府新区市场监督管理局']],
      ['经营场所产权证明或使用证明（租赁合同）', ['天府新区卫生健康局']],
      ['诊所房屋平面布局图', ['天府新区卫生健康局']],
    ])
    const sent = await messages(a.id)
    expect(sent).toHaveLength(1)
    expect(sent[0].body).toContain('2个部门共提出3项材料需补正')
    // The shared lease is one document: it comes back for the individual business too, where it is uploaded.
    expect(materialOf(now, 'individual-business-registration', 'M03').verdict).toBe('problem')
    expect(now.cases.map((c) => c.status)).toEqual(['needs_fix', 'needs_fix'])
  })

  it('takes the resubmission only after every returned material changed, then both approve', async () => {
    expect((await me().post(`/api/v1/theme-applications/${a.id}/submit`)).statusCode).toBe(422)
    const now = await mine(a.id)
    const pdf = await twoPagePdf()
    for (const [itemId, code] of [
      ['individual-business-registration', 'M01'],
      ['individual-business-registration', 'M03'],
      ['clinic-filing', 'M02'],
    ]) {
      const old = materialOf(now, itemId, code).files[0].id
      const reply = await upload(server, token, caseOf(now, itemId).id, code, pdf, 'fixed.pdf', { replaces: old, contentType: 'application/pdf' })
      expect(reply.statusCode).toBe(201)
    }
    const again = await me().post(`/api/v1/theme-applications/${a.id}/submit`)
    expect(again.statusCode).toBe(200)
    expect(again.json().application).toMatchObject({ status: 'reviewing', round: 2 })

    const [one, two] = await Promise.all([
      decide(market, a.id, 'individual-business-registration', { decision: 'approve', problems: [] }),
      decide(health, a.id, 'clinic-filing', { decision: 'approve', problems: [] }),
    ])
    expect([one.statusCode, two.statusCode]).toEqual([200, 200])
    const done = await mine(a.id)
    expect(done.status).toBe('approved')
    expect(done.progress).toMatchObject({ total: 2, approved: 2 })
    expect(done.cases.map((c) => c.status)).toEqual(['approved', 'approved'])
    const sent = await messages(a.id)
    // One notice for the round of 补正, one message when all passed (same clock instant: compared as a set).
    expect(sent.map((m) => m.title).sort()).toEqual(['一件事一次性告知', '一件事联审全部通过'].sort())
  })
})

describe('who may see an application', () => {
  it('another citizen gets 404 and a reviewer of another hall 403', async () => {
    const a = await submitted()
    const stranger = await citizen(server, { name: '王路人' })
    expect((await api(server, stranger).get(`/api/v1/theme-applications/${a.id}`)).statusCode).toBe(404)
    const elsewhere = await staffLogin(server, '13900000012')
    expect((await api(server, elsewhere).get(`/api/v1/staff/theme-applications/${a.id}`)).statusCode).toBe(403)
    expect((await decide(elsewhere, a.id, 'clinic-filing', { decision: 'approve', problems: [] })).statusCode).toBe(403)
  })
})

describe('the public guide', () => {
  it('lists the themes and returns a theme with its questions, rules, items and shared materials', async () => {
    const themes = (await api(server).get('/api/v1/themes')).json().themes as { id: string; itemCount: number }[]
    expect(themes.length).toBeGreaterThanOrEqual(12)
    const clinic = (await api(server).get('/api/v1/themes/clinic')).json().theme
    expect(clinic.questions.map((q: { id: string }) => q.id)).toEqual(['subject', 'kind', 'xray'])
    expect(clinic.reported).toMatchObject({ beforeDays: 18, afterDays: 15 })
    const filing = clinic.items.find((i: { id: string }) => i.id === 'clinic-filing')
    expect(filing.materials.find((m: { code: string }) => m.code === 'M03').shareKey).toBe('premises')
    expect((await api(server).get('/api/v1/themes/nothing')).statusCode).toBe(404)
  })
})
