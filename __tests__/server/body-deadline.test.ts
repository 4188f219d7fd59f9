/**
 * The JSON body deadline ends with the exchange. The framework answers some requests without reading their body
 * (an empty body, a content type it refuses, a body over the limit); the deadline must not fire later on a stream
 * nobody reads — that was an uncaught exception that killed the BFF 30 s after such a request.
 */
import http from 'node:http'
import Fastify, { type FastifyInstance } from 'fastify'
import { registerBodyDeadline } from '../../server/core/timeouts'

const DEADLINE_MS = 300
let app: FastifyInstance
let port: number
const uncaught: unknown[] = []
const onUncaught = (error: unknown) => uncaught.push(error)

beforeAll(async () => {
  process.on('uncaughtException', onUncaught)
  app = Fastify({ bodyLimit: 1024 })
  registerBodyDeadline(app, DEADLINE_MS)
  app.post('/echo', async (request) => ({ body: request.body ?? null }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as { port: number }).port
})
afterAll(async () => {
  process.off('uncaughtException', onUncaught)
  await app.close()
})

function post(headers: Record<string, string>, body = ''): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    request.on('error', reject)
    request.end(body)
  })
}

/** A client that goes away halfway through its body (a closed tab, a lost network). */
function abandonMidBody(): Promise<void> {
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/echo',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '100' },
    })
    request.on('error', () => resolve())
    request.write('{"half":')
    setTimeout(() => {
      request.destroy()
      resolve()
    }, 50)
  })
}

it('answers bodies the framework reads and bodies it never reads, and nothing fires after the deadline, not even for a client that went away mid-body', async () => {
  expect(await post({ 'content-length': '0' })).toBe(200)
  expect(await post({ 'content-type': 'application/json', 'content-length': '0' })).toBe(400)
  expect(await post({ 'content-type': 'application/json' }, '{"a":1}')).toBe(200)
  expect(await post({ 'content-type': 'application/xml' }, '<a/>')).toBe(415)
  expect(await post({ 'content-type': 'application/json' }, JSON.stringify({ a: 'x'.repeat(200_000) }))).toBe(413)
  await abandonMidBody()
  await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS * 3))
  expect(uncaught).toEqual([])
  expect(await post({ 'content-type': 'application/json' }, '{"still":"up"}')).toBe(200)
})
