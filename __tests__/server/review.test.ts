import { api, citizen, loginBySms, type TestServer } from './harness'
import {
  CARD_ITEM,
  DEFERRAL_ITEM,
  SHARED_ITEM,
  clearPhoto,
  createCase,
  decide,
  mark,
  readyCardCase,
  reviewer,
  reviewingCardCase,
  startReviewServer,
  twoPagePdf,
  upload,
} from './review-helpers'
import { DEFERRAL_PLEDGE } from '../../src/domain/review'
import { expireCases } from '../../server/modules/review/service'

jest.setTimeout(60_000)

let suite: Awaited<ReturnType<typeof startReviewServer>>
let server: TestServer
let token: string
let reviewerToken: string
beforeAll(async () => {
  suite = await startReviewServer()
  server = suite.server
  token = await citizen(server, { name: '李小明' })
  reviewerToken = await reviewer(server)
})
afterAll(() => suite.close())

const me = () => api(server, token)
const staff = () => api(server, reviewerToken)
const detail = async (id: string) => (await me().get(`/api/v1/cases/${id}`)).json().case
const reviewDetail = async (id: string) => (await staff().get(`/api/v1/review/cases/${id}`)).json().case
const submit = (id: string, body: object = { deferredCodes: [] }) => me().post(`/api/v1/cases/${id}/submit`, body)
const ctx = () => ({ ...server.runtime, log: server.app.log })
/** The in-app messages about one case, newest first. */
const messagesAbout = async (caseId: string) =>
  (
    await server.db.query<{ title: string; body: string; link: string }>(
      'select title, body, link from messages where link = $1 order by created_at desc, id',
      [`/pages/review/case/index?id=${caseId}`],
    )
  ).rows
/** Status and history straight from the database (the sessions of the expiry tests have run out by then). */
const stored = async (caseId: string) => ({
  status: (await server.db.query<{ status: string }>('select status from cases where id = $1', [caseId])).rows[0].status,
  history: (
    await server.db.query<{ actor: string; from_status: string; to_status: string; note: string }>(
      'select actor, from_status, to_status, note from case_history where case_id = $1 order by id',
      [caseId],
    )
  ).rows,
})

describe('creating a case', () => {
  it('opens a draft with a readable case number and the full checklist', async () => {
    const reply = await me().post('/api/v1/cases', { itemId: CARD_ITEM, hallId: 'tianfu' })
    expect(reply.statusCode).toBe(201)
    const c = reply.json().case
    expect(c.caseNumber).toMatch(/^YS-20261124-\d{6}$/)
    expect(c).toMatchObject({ status: 'draft', itemName: '社会保障卡申领', hallId: 'tianfu', submittedAt: null, notice: null })
    expect(c.materials.map((m: { code: string; necessity: string; editable: boolean }) => [m.code, m.necessity, m.editable])).toEqual([
      ['M01', 'required', true],
      ['M02', 'required', true],
      ['M03', 'optional', true],
      ['M04', 'optional', true],
    ])
    expect(c.history).toEqual([{ fromStatus: null, toStatus: 'draft', actor: 'applicant', note: '创建草稿', at: '2026-11-24T02:00:00.000Z' }])
  })

  it('numbers cases one after another per day, and starts again the next day', async () => {
    const a = await createCase(server, token)
    const b = await createCase(server, token)
    expect(Number(b.caseNumber.slice(-6))).toBe(Number(a.caseNumber.slice(-6)) + 1)
    server.clock.set('2026-11-25T09:00:00+08:00')
    try {
      expect((await createCase(server, await citizen(server))).caseNumber).toBe('YS-20261125-000001')
    } finally {
      server.clock.set('2026-11-24T10:00:00+08:00')
    }
  })

  it('needs a verified real name', async () => {
    const reply = await api(server, await loginBySms(server)).post('/api/v1/cases', { itemId: CARD_ITEM, hallId: 'tianfu' })
    expect(reply.statusCode).toBe(403)
    expect(reply.json().message).toBe('请先完成实名认证')
  })

  it('refuses an item the hall does not handle', async () => {
    const reply = await me().post('/api/v1/cases', { itemId: CARD_ITEM, hallId: 'kexuecheng' })
    expect(reply.statusCode).toBe(404)
    expect(reply.json()).toEqual({ code: 'NOT_FOUND', message: '该服务中心不办理此事项' })
  })

  it('caps open drafts per person at 10', async () => {
    const someone = await citizen(server)
    for (let i = 0; i < 10; i++) await createCase(server, someone)
    const reply = await api(server, someone).post('/api/v1/cases', { itemId: CARD_ITEM, hallId: 'tianfu' })
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'TOO_MANY_DRAFTS', message: '您已有10件未提交的草稿，请先提交或撤回后再新建' })
  })

  it('lists my cases, newest first', async () => {
    const someone = await citizen(server)
    const first = await createCase(server, someone)
    server.clock.advance(1000)
    const second = await createCase(server, someone, SHARED_ITEM)
    server.clock.set('2026-11-24T10:00:00+08:00')
    const cases = (await api(server, someone).get('/api/v1/cases')).json().cases
    expect(cases.map((c: { id: string }) => c.id)).toEqual([second.id, first.id])
  })
})

describe('submitting', () => {
  it('refuses while a required material has no accepted file, naming it', async () => {
    const { id } = await createCase(server, token)
    await upload(server, token, id, 'M02', await clearPhoto())
    const reply = await submit(id)
    expect(reply.statusCode).toBe(422)
    expect(reply.json()).toEqual({ code: 'MATERIALS_MISSING', message: '请先上传：「居民身份证」' })
    expect((await detail(id)).status).toBe('draft')
  })

  it('moves a complete draft to 已提交, records it, and locks the files', async () => {
    const c = await readyCardCase(server, token)
    const reply = await submit(c.id)
    expect(reply.statusCode).toBe(200)
    const submitted = reply.json().case
    expect(submitted).toMatchObject({ status: 'submitted', submittedAt: '2026-11-24T02:00:00.000Z' })
    expect(submitted.history.at(-1)).toMatchObject({ fromStatus: 'draft', toStatus: 'submitted', actor: 'applicant', note: '提交预审' })
    expect(submitted.materials.every((m: { editable: boolean }) => !m.editable)).toBe(true)

    const again = await submit(c.id)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'CASE_STATE', message: '办件当前为“已提交”，不能提交' })
    const late = await upload(server, token, c.id, 'M03', await clearPhoto())
    expect(late.statusCode).toBe(409)
    expect(late.json()).toEqual({ code: 'MATERIAL_LOCKED', message: '办件已提交，不能再修改材料' })
    const removal = await me().delete(`/api/v1/cases/${c.id}/files/${c.files.M02}`)
    expect(removal.statusCode).toBe(409)
  })

  it('never asks for a material the government already holds (免提交)', async () => {
    const { id } = await createCase(server, token, SHARED_ITEM)
    const pdf = await twoPagePdf()
    for (const code of ['M02', 'M03', 'M04']) expect((await upload(server, token, id, code, pdf, 'a.pdf')).statusCode).toBe(201)
    const reply = await submit(id)
    expect(reply.statusCode).toBe(200)
    expect(reply.json().case.materials.find((m: { code: string }) => m.code === 'M01')).toMatchObject({ exempt: true, editable: false, files: [] })
  })
})

describe('容缺受理 (deferring minor materials)', () => {
  const mainPdfs = async (id: string) => {
    const pdf = await twoPagePdf()
    for (const code of ['M01', 'M02']) expect((await upload(server, token, id, code, pdf, `${code}.pdf`)).statusCode).toBe(201)
  }

  it('refuses to defer without the signed pledge, or to defer a material that is not deferrable', async () => {
    const { id } = await createCase(server, token, DEFERRAL_ITEM)
    await mainPdfs(id)
    const missing = await submit(id)
    expect(missing.statusCode).toBe(422)
    expect(missing.json()).toEqual({ code: 'MATERIALS_MISSING', message: '请先上传：「原营业执照正、副本」（其中「原营业执照正、副本」可选择容缺后补）' })
    const noPledge = await submit(id, { deferredCodes: ['M06'] })
    expect(noPledge.statusCode).toBe(422)
    expect(noPledge.json()).toEqual({ code: 'PLEDGE_REQUIRED', message: '选择容缺后补须阅读并确认《容缺受理承诺书》' })
    const oldPledge = await submit(id, { deferredCodes: ['M06'], pledgeVersion: '2020-v0' })
    expect(oldPledge.json().code).toBe('PLEDGE_REQUIRED')
    const required = await submit(id, { deferredCodes: ['M01'], pledgeVersion: DEFERRAL_PLEDGE.version })
    expect(required.statusCode).toBe(400)
    expect(required.json()).toEqual({ code: 'NOT_DEFERRABLE', message: '「公司登记（备案）申请书」不能容缺后补' })
  })

  it('only when every main material is there', async () => {
    const { id } = await createCase(server, token, DEFERRAL_ITEM)
    await upload(server, token, id, 'M01', await twoPagePdf(), 'a.pdf')
    const reply = await submit(id, { deferredCodes: ['M06'], pledgeVersion: DEFERRAL_PLEDGE.version })
    expect(reply.statusCode).toBe(422)
    expect(reply.json().code).toBe('MATERIALS_MISSING')
    expect(reply.json().message).toBe('请先上传：「股东会决议或股东决定」')
  })

  it('runs 提交 → 容缺通过 (notice with how, by when, consequence) → 补传 → 预审通过', async () => {
    const { id } = await createCase(server, token, DEFERRAL_ITEM)
    await mainPdfs(id)
    const submitted = await submit(id, { deferredCodes: ['M06'], pledgeVersion: DEFERRAL_PLEDGE.version })
    expect(submitted.statusCode).toBe(200)
    // Promised time 1 working day from Tuesday 2026-11-24.
    expect(submitted.json().case).toMatchObject({
      status: 'submitted',
      supplementDueDate: '2026-11-25',
      pledge: { version: DEFERRAL_PLEDGE.version, confirmedAt: '2026-11-24T02:00:00.000Z' },
    })
    expect(submitted.json().case.materials.find((m: { code: string }) => m.code === 'M06').deferred).toBe(true)

    await staff().post(`/api/v1/review/cases/${id}/open`)
    for (const code of ['M01', 'M02']) expect((await mark(server, reviewerToken, id, code, { verdict: 'pass' })).statusCode).toBe(200)
    const approve = await decide(server, reviewerToken, id, { decision: 'approve' })
    expect(approve.statusCode).toBe(422)
    expect(approve.json()).toEqual({ code: 'DEFERRED_MISSING', message: '容缺材料「原营业执照正、副本」尚未补齐，请选择“容缺通过”' })
    const deferred = await decide(server, reviewerToken, id, { decision: 'defer_approve' })
    expect(deferred.statusCode).toBe(200)

    const c = await detail(id)
    expect(c.status).toBe('deferred_approved')
    expect(c.notice).toMatchObject({
      kind: 'deferral',
      dueDate: '2026-11-25',
      how: DEFERRAL_PLEDGE.how,
      consequence: DEFERRAL_PLEDGE.consequence,
      items: [{ materialCode: 'M06', materialName: '原营业执照正、副本', problem: '容缺后补', dueDate: '2026-11-25' }],
    })
    expect(c.materials.filter((m: { editable: boolean }) => m.editable).map((m: { code: string }) => m.code)).toEqual(['M06'])
    expect((await upload(server, token, id, 'M03', await twoPagePdf(), 'x.pdf')).json().code).toBe('MATERIAL_LOCKED')
    const early = await submit(id)
    expect(early.json()).toEqual({ code: 'SUPPLEMENTS_MISSING', message: '请先补传容缺材料：「原营业执照正、副本」' })

    expect((await upload(server, token, id, 'M06', await twoPagePdf(), 'resolution.pdf')).statusCode).toBe(201)
    const resubmitted = await submit(id)
    expect(resubmitted.statusCode).toBe(200)
    expect(resubmitted.json().case.history.at(-1)).toMatchObject({ fromStatus: 'deferred_approved', toStatus: 'submitted', note: '补齐容缺材料' })

    await staff().post(`/api/v1/review/cases/${id}/open`)
    expect((await decide(server, reviewerToken, id, { decision: 'approve' })).json().code).toBe('REQUIRED_NOT_PASSED')
    await mark(server, reviewerToken, id, 'M06', { verdict: 'pass' })
    expect((await decide(server, reviewerToken, id, { decision: 'approve' })).statusCode).toBe(200)
    expect((await detail(id)).status).toBe('approved')
  })

  it('refuses 容缺通过 when the applicant deferred nothing', async () => {
    const c = await reviewingCardCase(server, token, reviewerToken)
    await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'pass' })
    const reply = await decide(server, reviewerToken, c.id, { decision: 'defer_approve' })
    expect(reply.statusCode).toBe(422)
    expect(reply.json()).toEqual({ code: 'NOTHING_DEFERRED', message: '申请人没有选择容缺后补的材料，不能容缺通过' })
  })
})

describe('reviewing', () => {
  it('shows the hall queue oldest first with the time left against the promised time', async () => {
    const someone = await citizen(server, { name: '王五' })
    const older = await readyCardCase(server, someone)
    await api(server, someone).post(`/api/v1/cases/${older.id}/submit`, { deferredCodes: [] })
    server.clock.advance(60 * 60 * 1000)
    const newer = await readyCardCase(server, someone)
    await api(server, someone).post(`/api/v1/cases/${newer.id}/submit`, { deferredCodes: [] })
    server.clock.set('2026-11-24T10:00:00+08:00')

    const queue = (await staff().get('/api/v1/review/queue?hallId=tianfu')).json().cases as {
      id: string
      submittedAt: string
      dueAt: string
      msLeft: number
      applicantNameMasked: string
    }[]
    const ours = queue.filter((e) => e.id === older.id || e.id === newer.id)
    expect(ours.map((e) => e.id)).toEqual([older.id, newer.id])
    const times = queue.map((e) => e.submittedAt)
    expect([...times].sort()).toEqual(times)
    // 1 promised working day: due Wednesday 2026-11-25 at the hall's closing time.
    expect(ours[0]).toMatchObject({ applicantNameMasked: '王*', dueAt: expect.stringMatching(/^2026-11-25T/) })
    expect(ours[0].msLeft).toBe(Date.parse(ours[0].dueAt) - Date.parse('2026-11-24T02:00:00Z'))
  })

  it('moves the case to 预审中 when a reviewer opens it; drafts stay invisible', async () => {
    const c = await readyCardCase(server, token)
    expect((await staff().post(`/api/v1/review/cases/${c.id}/open`)).statusCode).toBe(404)
    await submit(c.id)
    const opened = await staff().post(`/api/v1/review/cases/${c.id}/open`)
    expect(opened.statusCode).toBe(200)
    expect(opened.json().case).toMatchObject({
      status: 'reviewing',
      applicant: { nameMasked: '李**', idNumberMasked: expect.stringMatching(/^510107\*+\d{3}[\dX]$/) },
    })
    expect(opened.json().case.history.at(-1)).toMatchObject({ fromStatus: 'submitted', toStatus: 'reviewing', actor: 'reviewer', note: '开始预审' })
    // Opening again is harmless.
    expect((await staff().post(`/api/v1/review/cases/${c.id}/open`)).json().case.history.length).toBe(opened.json().case.history.length)
  })

  it('refuses marks before the case is opened, a problem without a reason, a pass without a file', async () => {
    const c = await readyCardCase(server, token)
    await submit(c.id)
    const early = await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toEqual({ code: 'CASE_NOT_REVIEWING', message: '办件当前为“已提交”，请先开始预审' })
    await staff().post(`/api/v1/review/cases/${c.id}/open`)
    const bare = await mark(server, reviewerToken, c.id, 'M01', { verdict: 'problem', reasons: [], note: '  ' })
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toEqual({ code: 'PROBLEM_REASON_REQUIRED', message: '请选择或填写问题原因' })
    const empty = await mark(server, reviewerToken, c.id, 'M03', { verdict: 'pass' })
    expect(empty.json()).toEqual({ code: 'NO_FILE_TO_PASS', message: '该材料没有上传文件，不能标记为通过' })
    const unknownReason = await mark(server, reviewerToken, c.id, 'M01', { verdict: 'problem', reasons: ['随便写的'] })
    expect(unknownReason.statusCode).toBe(400)
  })

  it('refuses 需补正 with no problem listed and 通过 while a required material has not passed', async () => {
    const c = await reviewingCardCase(server, token, reviewerToken)
    const noProblems = await decide(server, reviewerToken, c.id, { decision: 'needs_fix' })
    expect(noProblems.statusCode).toBe(422)
    expect(noProblems.json()).toEqual({ code: 'NO_PROBLEMS_LISTED', message: '请至少标记一项有问题的材料并写明原因，才能退回补正' })
    await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    const notPassed = await decide(server, reviewerToken, c.id, { decision: 'approve' })
    expect(notPassed.statusCode).toBe(422)
    expect(notPassed.json()).toEqual({ code: 'REQUIRED_NOT_PASSED', message: '以下必要材料还没有通过审核的文件：「本人近期免冠彩色证件照」' })
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'problem', reasons: ['文件不清晰，无法辨认'] })
    const withProblem = await decide(server, reviewerToken, c.id, { decision: 'approve' })
    expect(withProblem.json()).toEqual({ code: 'HAS_PROBLEMS', message: '「本人近期免冠彩色证件照」仍标记为有问题，请改为通过或选择“需补正”' })
    expect((await detail(c.id)).status).toBe('reviewing')
  })

  it('refuses 不予受理 without the reason and the competent authority, and records them when given', async () => {
    const c = await reviewingCardCase(server, token, reviewerToken)
    const bare = await decide(server, reviewerToken, c.id, { decision: 'reject', reason: '不属于本中心受理范围' })
    expect(bare.statusCode).toBe(400)
    expect(bare.json()).toEqual({ code: 'REJECT_REASON_REQUIRED', message: '不予受理须写明理由和应向其申请的主管机关' })
    const reply = await decide(server, reviewerToken, c.id, {
      decision: 'reject',
      reason: '申请人户籍不在本市',
      competentAuthority: '户籍所在地社会保险经办机构',
    })
    expect(reply.statusCode).toBe(200)
    const c2 = await detail(c.id)
    expect(c2.status).toBe('rejected')
    expect(c2.notice).toMatchObject({ kind: 'rejection', reason: '申请人户籍不在本市', competentAuthority: '户籍所在地社会保险经办机构' })
    expect(await messagesAbout(c.id)).toEqual([
      expect.objectContaining({ title: '办件不予受理', body: expect.stringContaining('请向户籍所在地社会保险经办机构申请') }),
    ])
    const withdraw = await me().post(`/api/v1/cases/${c.id}/withdraw`, {})
    expect(withdraw.json()).toEqual({ code: 'CASE_STATE', message: '办件当前为“不予受理”，不能撤回' })
  })

  it('lets only one of two simultaneous decisions through', async () => {
    const c = await reviewingCardCase(server, token, reviewerToken)
    await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'pass' })
    const [a, b] = await Promise.all([
      decide(server, reviewerToken, c.id, { decision: 'approve' }),
      decide(server, reviewerToken, c.id, { decision: 'reject', reason: '重复申请', competentAuthority: '本中心' }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const decisions = (await detail(c.id)).history.filter((h: { actor: string; toStatus: string }) => h.actor === 'reviewer' && h.toStatus !== 'reviewing')
    expect(decisions).toHaveLength(1)
  })
})

describe('需补正 and the one-time notice', () => {
  let c: Awaited<ReturnType<typeof reviewingCardCase>>
  beforeAll(async () => {
    c = await reviewingCardCase(server, token, reviewerToken)
  })

  it('hides half-finished verdicts from the applicant during review', async () => {
    await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'problem', reasons: ['文件不清晰，无法辨认', '材料与要求不符'], note: '请上传白底证件照' })
    const seen = await detail(c.id)
    expect(seen.status).toBe('reviewing')
    expect(seen.materials.map((m: { verdict: string | null }) => m.verdict)).toEqual([null, null, null, null])
    expect((await reviewDetail(c.id)).materials.map((m: { verdict: string | null }) => m.verdict)).toEqual(['pass', 'problem', null, null])
  })

  it('issues ONE itemised notice (material, problem, requirement, deadline) and tells the applicant', async () => {
    const reply = await decide(server, reviewerToken, c.id, { decision: 'needs_fix', note: '其余材料已通过' })
    expect(reply.statusCode).toBe(200)
    const seen = await detail(c.id)
    expect(seen).toMatchObject({ status: 'needs_fix', fixDueDate: '2026-12-01' })
    expect(seen.notice).toEqual({
      id: expect.any(String),
      kind: 'needs_fix',
      issuedAt: '2026-11-24T02:00:00.000Z',
      dueDate: '2026-12-01',
      items: [
        {
          materialCode: 'M02',
          materialName: '本人近期免冠彩色证件照',
          problem: '文件不清晰，无法辨认；材料与要求不符；请上传白底证件照',
          requirement: '电子材料1份；电子文件JPG格式、不超过5MB；白色背景、正面免冠、不着白色上衣；窗口可免费现场拍照采集。',
          dueDate: '2026-12-01',
        },
      ],
      reason: null,
      competentAuthority: null,
      how: '在本平台“我的办件”中更换上述材料的文件后重新提交，其他材料无需重复提交',
      consequence: '请在2026-12-01前补正；逾期未补正的，本次申请按已过期处理，需重新申报。',
      note: '其余材料已通过',
    })
    expect(seen.materials.filter((m: { editable: boolean }) => m.editable).map((m: { code: string }) => m.code)).toEqual(['M02'])
    const messages = await messagesAbout(c.id)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatchObject({ title: '办件需补正', body: expect.stringContaining('有1项材料需补正，请在2026-12-01前按一次性告知书更换后重新提交') })
  })

  it('lets the applicant change only the returned material, and only resubmit once it changed', async () => {
    const locked = await upload(server, token, c.id, 'M01', await twoPagePdf(), 'again.pdf')
    expect(locked.statusCode).toBe(409)
    expect(locked.json()).toEqual({ code: 'MATERIAL_LOCKED', message: '该材料已通过预审，只需更换被退回的材料' })
    const unchanged = await submit(c.id)
    expect(unchanged.statusCode).toBe(422)
    expect(unchanged.json()).toEqual({ code: 'FIX_INCOMPLETE', message: '请按告知书更换以下材料的文件后再提交：「本人近期免冠彩色证件照」' })

    const replaced = await upload(server, token, c.id, 'M02', await clearPhoto(), 'new-photo.jpg', { replaces: c.files.M02 })
    expect(replaced.statusCode).toBe(201)
    const files = (await detail(c.id)).materials.find((m: { code: string }) => m.code === 'M02').files
    expect(files.map((f: { name: string }) => f.name)).toEqual(['new-photo.jpg'])

    const resubmitted = await submit(c.id)
    expect(resubmitted.statusCode).toBe(200)
    expect(resubmitted.json().case).toMatchObject({ status: 'submitted', fixDueDate: null, notice: null })
    expect(resubmitted.json().case.history.at(-1)).toMatchObject({ fromStatus: 'needs_fix', toStatus: 'submitted', note: '补正后重新提交' })
    // The reviewer's pass on the untouched material stands; the returned one is open again.
    expect((await reviewDetail(c.id)).materials.map((m: { verdict: string | null }) => m.verdict)).toEqual(['pass', null, null, null])
  })

  it('approves after re-review, tells the applicant, and keeps the whole history', async () => {
    await staff().post(`/api/v1/review/cases/${c.id}/open`)
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'pass' })
    expect((await decide(server, reviewerToken, c.id, { decision: 'approve' })).statusCode).toBe(200)
    const seen = await detail(c.id)
    expect(seen.status).toBe('approved')
    expect(seen.history.map((h: { fromStatus: string | null; toStatus: string }) => `${h.fromStatus ?? '∅'}→${h.toStatus}`)).toEqual([
      '∅→draft',
      'draft→submitted',
      'submitted→reviewing',
      'reviewing→needs_fix',
      'needs_fix→submitted',
      'submitted→reviewing',
      'reviewing→approved',
    ])
    expect((await messagesAbout(c.id)).map((m) => m.title)).toEqual(expect.arrayContaining(['办件需补正', '办件预审通过']))
    const audit = await server.db.query<{ action: string }>(`select action from audit_log where target = $1 order by id`, [`case:${c.id}`])
    expect(audit.rows.map((r) => r.action)).toEqual(['review.needs_fix', 'review.approve'])
  })

  it('keeps the history append-only in the database itself', async () => {
    await expect(server.db.query(`update case_history set note = 'rewritten' where case_id = $1`, [c.id])).rejects.toThrow(/append-only/)
    await expect(server.db.query(`delete from case_history where case_id = $1`, [c.id])).rejects.toThrow(/append-only/)
    await expect(server.db.query('truncate case_history')).rejects.toThrow(/append-only/)
    await expect(server.db.query(`delete from case_notices where case_id = $1`, [c.id])).rejects.toThrow(/append-only/)
    expect((await detail(c.id)).history).toHaveLength(7)
  })
})

describe('withdrawing', () => {
  it.each(['draft', 'submitted', 'reviewing'])('withdraws a %s case', async (state) => {
    const c = await readyCardCase(server, token)
    if (state !== 'draft') await submit(c.id)
    if (state === 'reviewing') await staff().post(`/api/v1/review/cases/${c.id}/open`)
    const reply = await me().post(`/api/v1/cases/${c.id}/withdraw`, { reason: '材料准备有误' })
    expect(reply.statusCode).toBe(200)
    expect(reply.json().case.status).toBe('withdrawn')
    expect(reply.json().case.history.at(-1)).toMatchObject({ fromStatus: state, toStatus: 'withdrawn', actor: 'applicant', note: '材料准备有误' })
    expect((await me().post(`/api/v1/cases/${c.id}/withdraw`, {})).json()).toEqual({ code: 'CASE_STATE', message: '办件当前为“已撤回”，不能撤回' })
    expect((await decide(server, reviewerToken, c.id, { decision: 'approve' })).statusCode).toBe(409)
  })

  it('refuses to withdraw an approved case', async () => {
    const c = await reviewingCardCase(server, token, reviewerToken)
    await mark(server, reviewerToken, c.id, 'M01', { verdict: 'pass' })
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'pass' })
    await decide(server, reviewerToken, c.id, { decision: 'approve' })
    const reply = await me().post(`/api/v1/cases/${c.id}/withdraw`, {})
    expect(reply.statusCode).toBe(409)
    expect(reply.json()).toEqual({ code: 'CASE_STATE', message: '办件当前为“预审通过”，不能撤回' })
  })
})

describe('expiry', () => {
  afterEach(() => server.clock.set('2026-11-24T10:00:00+08:00'))

  it('expires a 需补正 case after its deadline, once, and tells the applicant', async () => {
    const someone = await citizen(server)
    const c = await reviewingCardCase(server, someone, reviewerToken)
    await mark(server, reviewerToken, c.id, 'M02', { verdict: 'problem', reasons: ['证件已过有效期'] })
    await decide(server, reviewerToken, c.id, { decision: 'needs_fix' })
    server.clock.set('2026-12-01T23:00:00+08:00')
    await expireCases(ctx())
    expect((await stored(c.id)).status).toBe('needs_fix')
    server.clock.set('2026-12-02T00:30:00+08:00')
    expect(await expireCases(ctx())).toBeGreaterThanOrEqual(1)
    expect(await expireCases(ctx())).toBe(0)
    const after = await stored(c.id)
    expect(after.status).toBe('expired')
    expect(after.history.at(-1)).toEqual({ actor: 'system', from_status: 'needs_fix', to_status: 'expired', note: '超过补正期限2026-12-01未补正' })
    expect((await messagesAbout(c.id))[0]).toMatchObject({ title: '办件已过期' })
  })

  it('expires a draft nobody touched for 30 days, and a 容缺通过 case past its supplement date', async () => {
    const someone = await citizen(server)
    const draft = await createCase(server, someone)
    const deferred = await createCase(server, someone, DEFERRAL_ITEM)
    for (const code of ['M01', 'M02']) await upload(server, someone, deferred.id, code, await twoPagePdf(), 'a.pdf')
    await api(server, someone).post(`/api/v1/cases/${deferred.id}/submit`, { deferredCodes: ['M06'], pledgeVersion: DEFERRAL_PLEDGE.version })
    await staff().post(`/api/v1/review/cases/${deferred.id}/open`)
    for (const code of ['M01', 'M02']) await mark(server, reviewerToken, deferred.id, code, { verdict: 'pass' })
    await decide(server, reviewerToken, deferred.id, { decision: 'defer_approve' })

    server.clock.set('2026-11-26T09:00:00+08:00')
    await expireCases(ctx())
    expect((await stored(deferred.id)).status).toBe('expired')
    expect((await stored(deferred.id)).history.at(-1)?.note).toBe('超过容缺补交期限2026-11-25未补齐')
    expect((await stored(draft.id)).status).toBe('draft')
    server.clock.set('2026-12-24T10:01:00+08:00')
    await expireCases(ctx())
    const expiredDraft = await stored(draft.id)
    expect(expiredDraft.status).toBe('expired')
    expect(expiredDraft.history.at(-1)?.note).toBe('草稿超过30天未提交')
  })
})
