/**
 * scripts/weapp-conformance.ts on the real build (`npx taro build --type weapp` first): the build
 * passes, and each rule fails when it is broken in a temporary copy of dist/weapp.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { RULES, bffLinkPaths, checkWeapp, type Rule } from '../../scripts/weapp-conformance'

const DIST = path.resolve(__dirname, '../../dist/weapp')
const copies: string[] = []

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'app.json'))) throw new Error(`${DIST}/app.json is missing: build the mini-program first (npx taro build --type weapp)`)
})
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })))

function copyOfDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-conformance-'))
  fs.cpSync(DIST, dir, { recursive: true })
  copies.push(dir)
  return dir
}

const editJson = (file: string, edit: (json: any) => void) => {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'))
  edit(json)
  fs.writeFileSync(file, JSON.stringify(json))
}
const editText = (file: string, edit: (text: string) => string) => fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')))

/** Files of a copy whose text matches. */
const grep = (dir: string, pattern: RegExp, under = ''): string[] => {
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]))
  return walk(path.join(dir, under)).filter((f) => f.endsWith('.js') && pattern.test(fs.readFileSync(f, 'utf8')))
}

const rulesBroken = (dir: string) => [...new Set(checkWeapp(dir).map((f) => f.rule))]

it('the built mini-program passes every rule', () => {
  expect(checkWeapp(DIST)).toEqual([])
})

const breaks: Record<Rule, (dir: string) => void> = {
  'pages-have-files': (dir) => fs.rmSync(path.join(dir, 'pages/queue/ticket/index.js')),
  'declared-location-apis': (dir) => editJson(path.join(dir, 'app.json'), (app) => delete app.requiredPrivateInfos),
  'privacy-flow': (dir) => {
    // The consent hook is not registered at launch.
    for (const file of grep(dir, /\.onNeedPrivacyAuthorization\(/)) editText(file, (t) => t.replace(/\.onNeedPrivacyAuthorization\(/g, '.onSomethingElse('))
  },
  'links-are-pages': (dir) =>
    editJson(path.join(dir, 'app.json'), (app) => {
      const queue = app.subPackages.find((p: { root: string }) => p.root === 'pages/queue')
      queue.pages = queue.pages.filter((p: string) => p !== 'ticket/index')
    }),
  sitemap: (dir) => fs.rmSync(path.join(dir, 'sitemap.json')),
  'share-public-only': (dir) => editText(path.join(dir, 'pages/queue/ticket/index.js'), (t) => `var enableShareAppMessage={enableShareAppMessage:!0};\n${t}`),
  'lazy-code-loading': (dir) => editJson(path.join(dir, 'app.json'), (app) => delete app.lazyCodeLoading),
  'preload-rule': (dir) => editJson(path.join(dir, 'app.json'), (app) => (app.preloadRule['pages/index/index'].packages = ['pages/nowhere'])),
  'modal-button-text': (dir) =>
    editText(path.join(dir, 'pages/queue/ticket/index.js'), (t) => `var modal={confirmText:"\\u64a4\\u56de\\u5e76\\u6ce8\\u9500"};\n${t}`),
  budgets: (dir) => fs.writeFileSync(path.join(dir, 'pages/queue/filler.js'), Buffer.alloc(300 * 1024, 97)),
}

it.each(Object.keys(RULES) as Rule[])('breaking %s fails exactly that rule', (rule) => {
  const dir = copyOfDist()
  breaks[rule](dir)
  expect(rulesBroken(dir)).toEqual([rule])
})

it('a privacy API in a package without the consent sheet fails, and so does a location API without its purpose', () => {
  const noSheet = copyOfDist()
  for (const file of grep(noSheet, /"agreePrivacyAuthorization"/, 'pages/review')) editText(file, (t) => t.replace(/"agreePrivacyAuthorization"/g, '"share"'))
  const findings = checkWeapp(noSheet)
  expect(findings.length).toBeGreaterThan(0)
  for (const finding of findings)
    expect(finding).toEqual({ rule: 'privacy-flow', message: expect.stringMatching(/^choose(Media|MessageFile) is called in pages\/review/) })

  const noPurpose = copyOfDist()
  editJson(path.join(noPurpose, 'app.json'), (app) => delete app.permission)
  expect(checkWeapp(noPurpose)).toEqual([expect.objectContaining({ rule: 'declared-location-apis', message: expect.stringContaining('scope.userLocation') })])
})

it('a page literal in the BFF that is not a page fails, through the same link rule', () => {
  expect(bffLinkPaths()).toEqual(expect.arrayContaining(['pages/queue/ticket/index', 'pages/review/case/index']))
  const findings = checkWeapp(DIST, [...bffLinkPaths(), 'pages/queue/detail/index'])
  expect(findings).toEqual([{ rule: 'links-are-pages', message: expect.stringContaining('pages/queue/detail/index') }])
})
