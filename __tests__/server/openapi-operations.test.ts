import { api, startTestServer, type TestServer } from './harness'

type Operation = { operationId?: string; description?: string; summary?: string }

describe('OpenAPI document: every operation is named and described', () => {
  let server: TestServer
  let operations: { route: string; op: Operation }[]

  beforeAll(async () => {
    server = await startTestServer()
    const doc = (await api(server).get('/docs/json')).json() as { paths: Record<string, Record<string, Operation>> }
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    )
  }, 120_000)
  afterAll(() => server?.close())

  it('lists the operations', () => {
    expect(operations.length).toBeGreaterThan(60)
  })

  it('gives every operation an operationId and a description', () => {
    const missing = operations.filter(({ op }) => !op.operationId || !op.description?.trim()).map(({ route }) => route)
    expect(missing).toEqual([])
  })

  it('never uses one operationId twice', () => {
    const ids = operations.map(({ op }) => op.operationId)
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i)
    expect(repeated).toEqual([])
  })
})
