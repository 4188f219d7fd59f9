// Table ownership (docs/architecture.md, "Module boundaries"): the SQL of a BFF module names only its own tables,
// the shared foundation tables and the views other modules publish for reading. The dependency-cruiser rules see
// imports, not SQL; this reads the string literals of every file under server/modules/<module>/ and the migrations.
// Run by scripts/check-boundaries.ts (npm test, before jest).
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { ROOT } from './lib'

/** Tables of 001_foundation every module may use: people and the hall/item catalog. */
export const FOUNDATION_TABLES = ['users', 'staff_roles', 'halls', 'hall_windows', 'queue_categories', 'service_items', 'item_materials', 'hall_items']

/** The other tables 001_foundation creates, each with its one owner (`core`: only server/core uses it). */
const FOUNDATION_OWNERS: Record<string, string> = {
  sessions: 'auth',
  sms_codes: 'auth',
  cases: 'review',
  messages: 'me',
  subscribe_grants: 'me',
  idempotency_keys: 'core',
  outbox: 'core',
  audit_log: 'core',
}

/**
 * Modules whose SQL may name every module's tables, each with why. privacy (issue 23): the export and 注销账号 must
 * reach every row of one person, and the retention table applies across modules; instead of this check, its
 * registry is held to the catalogue and to the personal-data scan by __tests__/server/privacy.test.ts.
 */
export const EVERY_TABLE_MODULES: Record<string, string> = {
  privacy: 'personal data rights cover every table (registry checked by privacy.test.ts)',
}

export interface DbObject {
  name: string
  kind: 'table' | 'view' | 'sequence'
  /** The module whose migration creates it, `foundation` for the shared tables, or `core`. */
  owner: string
  migration: string
}

const CREATE = /\bcreate\s+(?:or\s+replace\s+)?(?:unlogged\s+)?(table|(?:materialized\s+)?view|sequence)\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)/gi

/**
 * Every table, view and sequence the migrations create, with its owner: the module a migration is named after
 * (`110_review_case_directory.sql` → review; `130_core_…` → core, tables only server/core uses). `problems` names what has no owner, and views not named after their
 * owner (a view is the module's published read, so `<module>_…` says whose it is).
 */
export function databaseObjects(root = ROOT): { objects: DbObject[]; problems: string[] } {
  const dir = path.join(root, 'server', 'db', 'migrations')
  const modules = new Set(moduleNames(root))
  const objects: DbObject[] = []
  const problems: string[] = []
  for (const migration of fs.readdirSync(dir).filter((file) => file.endsWith('.sql'))) {
    const sql = fs.readFileSync(path.join(dir, migration), 'utf8').replace(/--.*$/gm, '')
    const named = /^\d+_([a-z]+)/.exec(migration)?.[1] ?? ''
    for (const [, kindWord, name] of sql.matchAll(CREATE)) {
      const kind = kindWord.toLowerCase().endsWith('view') ? 'view' : (kindWord.toLowerCase() as DbObject['kind'])
      let owner: string | undefined
      if (named === 'foundation') owner = FOUNDATION_TABLES.includes(name) ? 'foundation' : FOUNDATION_OWNERS[name]
      else if (named === 'core' || modules.has(named)) owner = named
      if (!owner) {
        problems.push(
          named === 'foundation'
            ? `${migration}: ${name} is neither a foundation table nor given an owner in scripts/table-ownership.ts`
            : `${migration}: ${name} has no owner: name the migration NNN_<module>_….sql after the module that owns it`,
        )
        continue
      }
      if (kind === 'view' && !name.startsWith(`${owner}_`))
        problems.push(`${migration}: view ${name} must be named ${owner}_… after the module that publishes it`)
      objects.push({ name, kind, owner, migration })
    }
  }
  return { objects, problems }
}

function moduleNames(root: string): string[] {
  const dir = path.join(root, 'server', 'modules')
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : []))
}

/** A string that reads as SQL (route paths, job names and messages do not). */
const SQL_WORDS = /\b(select|insert\s+into|update|delete\s+from|from|join)\s/i

/** The text of every string literal and template-literal piece in a file, with its line. */
function stringsOf(file: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: { text: string; line: number }[] = []
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

export interface Violation {
  /** Relative to the project root, with the line: `server/modules/pickup/repository.ts:45`. */
  at: string
  module: string
  object: DbObject
}

/** Each place where a module's SQL names a table or sequence another module (or core) owns. */
export function crossModuleSql(root = ROOT): { violations: Violation[]; problems: string[] } {
  const { objects, problems } = databaseObjects(root)
  const foreign = new Map(objects.filter((o) => o.kind !== 'view' && o.owner !== 'foundation').map((o) => [o.name, o]))
  const violations: Violation[] = []
  for (const module of moduleNames(root).filter((name) => !(name in EVERY_TABLE_MODULES))) {
    for (const file of sourceFiles(path.join(root, 'server', 'modules', module))) {
      for (const { text, line } of stringsOf(file)) {
        if (!SQL_WORDS.test(text)) continue
        for (const match of text.matchAll(/\b[a-z_][a-z0-9_]*\b/gi)) {
          const object = foreign.get(match[0])
          const at = `${path.relative(root, file)}:${line + (text.slice(0, match.index).match(/\n/g)?.length ?? 0)}`
          if (object && object.owner !== module) violations.push({ at, module, object })
        }
      }
    }
  }
  return { violations, problems }
}

/** The check as `check-boundaries` prints it: `ok` is false on any violation or ownerless object. */
export function checkTableOwnership(root = ROOT): { ok: boolean; output: string } {
  const { violations, problems } = crossModuleSql(root)
  const lines = [
    ...problems,
    ...violations.map(
      (v) =>
        `${v.at}: ${v.module} names ${v.object.name}, ${v.object.owner}'s ${v.object.kind} (${v.object.migration}); use a service function or a view ${v.object.owner} publishes`,
    ),
  ]
  return { ok: lines.length === 0, output: lines.length ? lines.join('\n') : 'no module names another module’s tables' }
}
