import fs from 'node:fs'
import path from 'node:path'
import { PAGE_PATHS, pageKeyOf, pageLink, subscribePage, withQuery, type PageKey } from '../../src/domain/page-routes'

const ROOT = path.resolve(__dirname, '../..')

/** The pages src/app.config.ts declares (main package and subpackages), read the way Taro reads it. */
function appConfigPages(): string[] {
  const globals = globalThis as { defineAppConfig?: (config: unknown) => unknown }
  globals.defineAppConfig = (config) => config
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
    return [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))].map((page) => `/${page}`)
  } finally {
    delete globals.defineAppConfig
  }
}

describe('the page table', () => {
  it('lists exactly the pages of app.config.ts, each once', () => {
    const declared = appConfigPages()
    const table = Object.values(PAGE_PATHS)
    expect(new Set(table).size).toBe(table.length)
    expect([...table].sort()).toEqual([...declared].sort())
  })

  it('names only pages whose source exists', () => {
    for (const page of Object.values(PAGE_PATHS)) {
      expect([`${page}.tsx`, `${page}.ts`].some((file) => fs.existsSync(path.join(ROOT, 'src', file)))).toBe(true)
    }
  })

  it('builds links with encoded queries, and subscribe pages without the leading slash', () => {
    expect(pageLink('queueTicket', { id: 'a1' })).toBe('/pages/queue/ticket/index?id=a1')
    expect(pageLink('appointmentMine')).toBe('/pages/appointment/mine/index')
    expect(pageLink('pickupAuthorize', { caseNumber: 'YS-1 2' })).toBe('/pages/pickup/authorize/index?caseNumber=YS-1%202')
    expect(pageLink('queueTake', { hallId: undefined })).toBe('/pages/queue/take/index')
    expect(subscribePage(pageLink('reviewCase', { id: 'c1' }))).toBe('pages/review/case/index?id=c1')
    expect(withQuery('/p', { a: '1', b: '', c: undefined })).toBe('/p?a=1')
  })

  it('maps a URL back to its page, and knows no page that is not declared', () => {
    for (const key of Object.keys(PAGE_PATHS) as PageKey[]) expect(pageKeyOf(`${PAGE_PATHS[key]}?x=1`)).toBe(key)
    expect(pageKeyOf('pages/queue/ticket/index?id=1')).toBe('queueTicket')
    // The link the queue messages used to carry.
    expect(pageKeyOf('/pages/queue/ticket?id=1')).toBeNull()
  })

  it('does not compile with a page or a query that is not in the table (checked by tsc)', () => {
    const wrong = () => [
      // @ts-expect-error not a page of the table
      pageLink('queueTicketPage', { id: '1' }),
      // @ts-expect-error the ticket page needs its id
      pageLink('queueTicket'),
      // @ts-expect-error the ticket page reads no `ticketId`
      pageLink('queueTicket', { ticketId: '1' }),
    ]
    expect(typeof wrong).toBe('function')
  })
})

describe('every page path in the BFF comes from the table', () => {
  it('no module of server/ spells a page path', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (/\.ts$/.test(entry.name) && /["'`/]pages\/[a-z]/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(ROOT, full))
      }
    }
    walk(path.join(ROOT, 'server'))
    expect(offenders).toEqual([])
  })
})
