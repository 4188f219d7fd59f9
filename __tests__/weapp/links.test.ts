/**
 * Every link the BFF put in a message or subscribe message (collected by driving the flows on a real
 * BFF) opened as the FIRST page of the real mini-program build (`npx taro build --type weapp` first):
 * the page exists, declares its title, loads its object from the BFF and shows it, with no error state.
 */
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer, type TestServer } from '../server/harness'
import { LOADED_TEXT, distinctLinks, driveMessageFlows, pageTitle, type CollectedLink } from '../server/message-links'
import { createMiniProgram, waitUntil, type WxRequestOptions } from './mini-program'

const DIST = path.resolve(__dirname, '../../dist/weapp')
const BFF = 'http://localhost:3000'

let server: TestServer
let token: string
let links: CollectedLink[]
let me: unknown

beforeAll(async () => {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error(`${DIST}/app.js is missing: build the mini-program first (npx taro build --type weapp)`)
  server = await startTestServer()
  const driven = await driveMessageFlows(server)
  token = driven.token
  links = distinctLinks(driven.links)
  me = (await server.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).json()
}, 120_000)
afterAll(() => server?.close())

/** wx.request answered by the real BFF. */
const throughBff = async (options: WxRequestOptions) => {
  if (!options.url.startsWith(`${BFF}/`)) return null
  const reply = await server.app.inject({
    method: (options.method ?? 'GET') as 'GET',
    url: options.url.slice(BFF.length),
    headers: options.header,
    payload: typeof options.data === 'string' ? options.data : options.data === undefined ? undefined : JSON.stringify(options.data),
  })
  return { statusCode: reply.statusCode, body: reply.body }
}

it('opens every linked page as the first page: its title, its object, no error', async () => {
  expect(links.length).toBeGreaterThanOrEqual(7)
  const problems: string[] = []
  for (const link of links) {
    const [pathPart, query = ''] = link.link.split('?')
    const route = pathPart.replace(/^\//, '')
    const params = Object.fromEntries(
      query
        .split('&')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    )
    const mp = createMiniProgram(DIST, throughBff)
    mp.storage.set('onetrip.session', JSON.stringify({ state: { token, me }, version: 0 }))
    mp.launch(route)
    const page = mp.openPage(route, params)
    const title = JSON.parse(fs.readFileSync(path.join(DIST, `${route}.json`), 'utf8')).navigationBarTitleText
    if (!title || title !== pageTitle(link.key!)) problems.push(`${link.link}: title ${title}`)
    const expected = LOADED_TEXT[link.key!]!
    try {
      await waitUntil(`${link.link} never showed ${expected}`, () => expected.test(JSON.stringify(mp.setDataPatches)))
    } catch (error) {
      problems.push((error as Error).message)
    }
    const rendered = JSON.stringify(mp.setDataPatches)
    if (rendered.includes('page-state--error')) problems.push(`${link.link}: error state`)
    const asked = mp.requests.filter((r) => r.url.startsWith(`${BFF}/api/`))
    if (!asked.length) problems.push(`${link.link}: the page asked the BFF for nothing`)
    page.onUnload?.call(page)
  }
  expect(problems).toEqual([])
}, 180_000)
