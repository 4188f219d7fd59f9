import { api, startTestServer, type TestServer } from './harness'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ now: '2031-03-04T10:00:00+08:00' })
})
afterAll(() => server.close())

it("tells the BFF's own time on every answer, refusals and unknown paths included (the app's clock follows it)", async () => {
  for (const reply of [await api(server).get('/api/v1/halls'), await api(server).get('/api/v1/me'), await api(server).get('/api/v1/no-such-path')]) {
    expect(reply.headers['x-server-time']).toBe('2031-03-04T02:00:00.000Z')
  }
  server.clock.advance(90_000)
  expect((await api(server).get('/api/v1/halls')).headers['x-server-time']).toBe('2031-03-04T02:01:30.000Z')
})
