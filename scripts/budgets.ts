import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export const KB = 1024

export interface Budget {
  name: string
  bytes: number
  limit: number
  /** The biggest files in the package, named when the budget is broken. */
  biggest: { file: string; bytes: number }[]
}

export const WEAPP_LIMITS = { main: 450 * KB, subpackage: 250 * KB, total: 2048 * KB }
// 160 KB since 2026-12-06: the H5 shell (Taro's navigation bar, the connectivity notice, the desktop column) and
// 长辈版 took the home page from 108 to 156 KB; the reading store pulls the BFF client into app.js. Bringing it back
// under 150 KB (lazy shell, the client out of the entry chunk) is owed to the performance issue.
export const H5_HOME_GZIP_LIMIT = 160 * KB

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

const biggestOf = (root: string, files: string[]) =>
  files
    .map((file) => ({ file: path.relative(root, file), bytes: fs.statSync(file).size }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5)

/**
 * WeChat package sizes as the platform counts them: the main package is everything outside the
 * subpackage roots listed in app.json; each subpackage is its root folder.
 */
export function weappBudgets(distDir: string): Budget[] {
  const appJson = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))
  const all = filesUnder(distDir).filter((file) => !file.endsWith('.LICENSE.txt') && !file.endsWith('.map'))
  const size = (files: string[]) => files.reduce((sum, file) => sum + fs.statSync(file).size, 0)
  const inRoot = (root: string) => (file: string) => path.relative(distDir, file).startsWith(root + '/')
  const mainFiles = all.filter((file) => !roots.some((root) => inRoot(root)(file)))
  return [
    { name: 'weapp main package', bytes: size(mainFiles), limit: WEAPP_LIMITS.main, biggest: biggestOf(distDir, mainFiles) },
    ...roots.map((root) => {
      const files = all.filter(inRoot(root))
      return { name: `weapp subpackage ${root}`, bytes: size(files), limit: WEAPP_LIMITS.subpackage, biggest: biggestOf(distDir, files) }
    }),
    { name: 'weapp total', bytes: size(all), limit: WEAPP_LIMITS.total, biggest: biggestOf(distDir, all) },
  ]
}

/** The H5 home page's JavaScript, gzip-compressed, given the script files the browser loaded for it. */
export function h5HomeBudget(distDir: string, loadedScripts: string[]): Budget {
  const files = loadedScripts.map((file) => path.join(distDir, file))
  const gzipped = files.map((file) => ({ file: path.relative(distDir, file), bytes: zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length }))
  return {
    name: 'H5 home page JS (gzip)',
    bytes: gzipped.reduce((sum, f) => sum + f.bytes, 0),
    limit: H5_HOME_GZIP_LIMIT,
    biggest: gzipped.sort((a, b) => b.bytes - a.bytes).slice(0, 5),
  }
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

export function budgetTable(budgets: Budget[]): string {
  const rows = budgets.map(
    (b) => `| ${b.name} | ${kb(b.bytes)} | ${kb(b.limit)} | ${b.bytes <= b.limit ? kb(b.limit - b.bytes) : `**over by ${kb(b.bytes - b.limit)}**`} |`,
  )
  return ['| package | size | budget | headroom |', '| --- | ---: | ---: | ---: |', ...rows].join('\n')
}

export function budgetFailures(budgets: Budget[]): string[] {
  return budgets
    .filter((b) => b.bytes > b.limit)
    .map((b) => `${b.name} is ${kb(b.bytes)}, over its ${kb(b.limit)} budget. Biggest: ${b.biggest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`)
}

/** Replaces the text between two marker comments in a Markdown file (adds the section if absent). */
export function replaceSection(file: string, marker: string, content: string, heading: string): void {
  const start = `<!-- ${marker}:start -->`
  const end = `<!-- ${marker}:end -->`
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks and budgets\n'
  const block = `${start}\n${content}\n${end}`
  const next = existing.includes(start)
    ? existing.slice(0, existing.indexOf(start)) + block + existing.slice(existing.indexOf(end) + end.length)
    : `${existing.trimEnd()}\n\n## ${heading}\n\n${block}\n`
  fs.writeFileSync(file, next)
}
