/**
 * Every link the BFF puts in an in-app message or a WeChat subscribe message (issue 14: queue messages
 * linked to `/pages/queue/ticket`, a page that does not exist) names a page of the app with the query
 * that page reads. The weapp and H5 link tests open the same links as the first page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PAGE_PATHS, type PageKey } from '../../src/domain/page-routes'
import { startTestServer, type TestServer } from './harness'
import { driveMessageFlows, type CollectedLink } from './message-links'

/** The query each linked page needs to show its object. */
const REQUIRED_QUERY: Partial<Record<PageKey, string>> = {
  queueTicket: 'id',
  appointmentDetail: 'id',
  reviewCase: 'id',
  nameNotice: 'id',
  pickupAuthorize: 'caseNumber',
  pickupDetail: 'id',
  themeApplication: 'id',
  ratingRate: 'id',
}

/** Page keys the BFF's source builds links to (every page path in server/ goes through `pageLink`). */
function pageKeysInServerSource(): Set<string> {
  const keys = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/pageLink\('(\w+)'/g)) keys.add(m[1])
    }
  }
  walk(path.resolve(__dirname, '../../server'))
  return keys
}

let server: TestServer
let links: CollectedLink[]

beforeAll(async () => {
  server = await startTestServer()
  links = (await driveMessageFlows(server)).links
  if (process.env.PRINT_LINKS) console.log(links.map((l) => `${l.source}\t${l.link}`).join('\n'))
}, 120_000)
afterAll(() => server.close())

it('collects the links of every kind of message the flows send', () => {
  const sources = new Set(links.map((l) => l.source))
  for (const kind of [
    'queue_called',
    'appointment_booked',
    'appointment_cancelled',
    'case_result',
    'name_reservation_expired',
    'pickup',
    'theme_result',
    'rating_invite',
    'rating_follow_up',
  ])
    expect(sources).toContain(kind)
  for (const template of ['queue_called', 'appointment_reminder', 'case_result']) expect(sources).toContain(`subscribe:${template}`)
})

it('every message link and subscribe page is a page of the app, with the query it reads', () => {
  const wrong = links.filter((l) => {
    if (!l.key) return true
    const needed = REQUIRED_QUERY[l.key]
    return needed !== undefined && !new RegExp(`[?&]${needed}=[^&]+`).test(l.link)
  })
  expect(wrong).toEqual([])
  // A subscribe `page` has no leading slash (WeChat resolves it from the mini-program root).
  expect(links.filter((l) => l.link.startsWith('//'))).toEqual([])
  for (const l of links) expect(Object.values(PAGE_PATHS)).toContain(l.link.split('?')[0])
})

it('the flows reach every page the BFF links to, except the ones listed with their reason', () => {
  // realName: only when a verified holder displaces a binding (me module); queueCheckin: the hall QR code, not a message;
  // ratingFollowUps: messages to hall administrators (差评 and overdue follow-ups), not to the citizen whose links these are.
  const notMessages = new Set(['realName', 'queueCheckin', 'ratingFollowUps'])
  const reached = new Set(links.map((l) => l.key))
  const missing = [...pageKeysInServerSource()].filter((key) => !reached.has(key as PageKey) && !notMessages.has(key))
  expect(missing).toEqual([])
})
