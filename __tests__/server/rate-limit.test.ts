import { api, nextPhone, startTestServer, type TestServer } from './harness'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT: 'on' } })
})
afterAll(() => server.close())

it('throttles SMS sending from one client with a Chinese message, while rules stay in the database', async () => {
  const answers = []
  for (let i = 0; i < 11; i++) answers.push(await api(server).post('/api/v1/auth/sms/send', { phone: nextPhone() }))
  expect(answers.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(200))
  expect(answers[10].statusCode).toBe(429)
  expect(answers[10].json()).toEqual({ code: 'RATE_LIMITED', message: '操作过于频繁，请稍后再试' })
})

it('throttles the public name check', async () => {
  const check = () => api(server).post('/api/v1/names/check', { locationCode: '510107', entityType: 'llc', name: '成都蓉光网络科技有限公司' })
  let last = await check()
  for (let i = 0; i < 130 && last.statusCode !== 429; i++) last = await check()
  expect(last.statusCode).toBe(429)
  expect(last.json().message).toBe('操作过于频繁，请稍后再试')
})
