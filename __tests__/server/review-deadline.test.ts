import { api, citizen, type TestServer } from './harness'
import { readyCardCase, reviewer, startReviewServer } from './review-helpers'

jest.setTimeout(60_000)

let suite: Awaited<ReturnType<typeof startReviewServer>>
let server: TestServer
let token: string
let reviewerToken: string
beforeAll(async () => {
  // A BFF clock far from the machine's own, as with CLOCK_START in a demo: pages must not use the device clock.
  suite = await startReviewServer({ now: '2026-09-30T10:00:00+08:00' })
  server = suite.server
  token = await citizen(server, { name: '赵一' })
  reviewerToken = await reviewer(server)
}, 120_000)
afterAll(() => suite.close())

type Deadline = { dueAt: string; msLeft: number }

/** The deadline of one case as the reviewer queue, the reviewer's case page and the applicant's case page report it. */
async function threeViews(caseId: string) {
  const queue = (await api(server, reviewerToken).get('/api/v1/review/queue?hallId=tianfu')).json().cases as ({ id: string } & Deadline)[]
  const entry = queue.find((e) => e.id === caseId)!
  const reviewerView = (await api(server, reviewerToken).get(`/api/v1/review/cases/${caseId}`)).json().case as { deadline: Deadline | null }
  const applicantView = (await api(server, token).get(`/api/v1/cases/${caseId}`)).json().case as { deadline: Deadline | null }
  return { queue: { dueAt: entry.dueAt, msLeft: entry.msLeft }, reviewer: reviewerView.deadline, applicant: applicantView.deadline }
}

describe('one deadline per case', () => {
  it('is the same instant and the same time left in the reviewer queue and on both case pages, counted over 国庆 by the BFF clock', async () => {
    const c = await readyCardCase(server, token)
    expect((await api(server, token).post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] })).statusCode).toBe(200)
    server.clock.set('2026-09-30T16:30:00+08:00')

    const views = await threeViews(c.id)
    // 1 promised working day after Wednesday 30 September: 1–7 October are 国庆, so Thursday 8 October at closing time.
    expect(views.queue.dueAt).toBe(new Date('2026-10-08T17:00:00+08:00').toISOString())
    expect(views.queue.msLeft).toBe(Date.parse('2026-10-08T17:00:00+08:00') - Date.parse('2026-09-30T16:30:00+08:00'))
    expect(views.reviewer).toEqual(views.queue)
    expect(views.applicant).toEqual(views.queue)

    // Opening the case keeps the deadline; the time left follows the BFF clock, not the device's.
    await api(server, reviewerToken).post(`/api/v1/review/cases/${c.id}/open`)
    server.clock.advance(26 * 3_600_000)
    const later = await threeViews(c.id)
    expect(later.reviewer).toEqual(later.queue)
    expect(later.applicant).toEqual(later.queue)
    expect(later.queue.msLeft).toBe(views.queue.msLeft - 26 * 3_600_000)
  })

  it('counts a 调休 Saturday as a working day and drops the deadline once the answer is given', async () => {
    server.clock.set('2026-10-09T09:30:00+08:00')
    // Sessions lapse over the holiday: sign in again.
    token = await citizen(server, { name: '钱二' })
    reviewerToken = await reviewer(server)
    const c = await readyCardCase(server, token)
    await api(server, token).post(`/api/v1/cases/${c.id}/submit`, { deferredCodes: [] })
    const views = await threeViews(c.id)
    // Friday 9 October + 1 working day = Saturday 10 October (调休上班).
    expect(views.applicant?.dueAt).toBe(new Date('2026-10-10T17:00:00+08:00').toISOString())
    expect(views.reviewer).toEqual(views.queue)

    await api(server, reviewerToken).post(`/api/v1/review/cases/${c.id}/open`)
    await api(server, reviewerToken).post(`/api/v1/review/cases/${c.id}/decision`, {
      decision: 'reject',
      reason: '不属于本中心受理范围',
      competentAuthority: '成都市社会保险事业管理局',
    })
    expect((await api(server, token).get(`/api/v1/cases/${c.id}`)).json().case.deadline).toBeNull()
  })
})
