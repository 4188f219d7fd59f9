import { checkTableOwnership, databaseObjects } from '../../scripts/table-ownership'
import { writeTree } from './fake-tree'

/** A small tree shaped like the project: a foundation migration, two modules that own tables, `extra` files. */
function fakeTree(extra: Record<string, string>): string {
  return writeTree('onetrip-tables-', {
    'server/db/migrations/001_foundation.sql': 'create table users (id uuid primary key);\ncreate table cases (id uuid primary key);\n',
    'server/db/migrations/010_alpha.sql': '-- alpha owns its widgets\ncreate table widgets (id uuid primary key);\ncreate sequence widget_seq;\n',
    'server/db/migrations/020_beta.sql':
      'create table gadgets (id uuid primary key, widget_id uuid);\ncreate view beta_gadget_list as select id from gadgets;\n',
    'server/modules/alpha/repository.ts':
      "export const widgets = (q: Q) => q.query(`select w.id, nextval('widget_seq') from widgets w join users u on u.id = w.id`)\n" +
      "export const route = '/widgets/:id'\n",
    'server/modules/beta/repository.ts':
      "const FROM = 'gadgets g join beta_gadget_list l on l.id = g.id'\nexport const gadgets = (q: Q) => q.query(`select g.id from ${FROM} where g.id = $1`)\n",
    // review owns `cases`, created by the foundation migration
    'server/modules/review/repository.ts': "export const open = (q: Q) => q.query('select id from cases')\n",
    ...extra,
  })
}

describe('table ownership (module SQL, run by check-boundaries in npm test)', () => {
  it('knows each object’s owner from the migration that creates it', () => {
    const { objects, problems } = databaseObjects(fakeTree({}))
    expect(problems).toEqual([])
    expect(objects.map((o) => `${o.name}:${o.kind}:${o.owner}`).sort()).toEqual([
      'beta_gadget_list:view:beta',
      'cases:table:review',
      'gadgets:table:beta',
      'users:table:foundation',
      'widget_seq:sequence:alpha',
      'widgets:table:alpha',
    ])
  })

  it('passes modules that name their own tables, foundation tables and other modules’ views', () => {
    const { ok, output } = checkTableOwnership(
      fakeTree({ 'server/modules/alpha/lists.ts': "export const l = (q: Q) => q.query('select id from beta_gadget_list')\n" }),
    )
    expect(output).toBe('no module names another module’s tables')
    expect(ok).toBe(true)
  })

  it('fails on another module’s table or sequence, in any string that reads as SQL, and names the place and the owner', () => {
    const { ok, output } = checkTableOwnership(
      fakeTree({
        'server/modules/beta/widgets.ts': [
          'const JOIN = `gadgets g',
          '  join widgets w on w.id = g.widget_id`',
          "export const both = (q: Q) => q.query(`select g.id, nextval('widget_seq') from ${JOIN}`)",
          "export const theirCases = (q: Q) => q.query('select count(*) from cases')",
          '',
        ].join('\n'),
      }),
    )
    expect(ok).toBe(false)
    expect(output.split('\n').sort()).toEqual([
      "server/modules/beta/widgets.ts:2: beta names widgets, alpha's table (010_alpha.sql); use a service function or a view alpha publishes",
      "server/modules/beta/widgets.ts:3: beta names widget_seq, alpha's sequence (010_alpha.sql); use a service function or a view alpha publishes",
      "server/modules/beta/widgets.ts:4: beta names cases, review's table (001_foundation.sql); use a service function or a view review publishes",
    ])
  })

  it('ignores strings that are not SQL (route paths, job names)', () => {
    const { ok } = checkTableOwnership(
      fakeTree({ 'server/modules/beta/routes.ts': "export const paths = ['/widgets/:id', 'alpha-expire-widgets', 'cases']\n" }),
    )
    expect(ok).toBe(true)
  })

  it('fails on an object no module owns and on a view not named after its owner', () => {
    const { ok, output } = checkTableOwnership(
      fakeTree({
        'server/db/migrations/030_shared_things.sql': 'create table things (id int);\n',
        'server/db/migrations/040_alpha_views.sql': 'create or replace view widget_names as select id from widgets;\n',
        'server/db/migrations/001_foundation.sql': 'create table users (id uuid);\ncreate table cases (id uuid);\ncreate table stray (id int);\n',
      }),
    )
    expect(ok).toBe(false)
    expect(output).toContain('030_shared_things.sql: things has no owner: name the migration NNN_<module>_….sql after the module that owns it')
    expect(output).toContain('040_alpha_views.sql: view widget_names must be named alpha_… after the module that publishes it')
    expect(output).toContain('001_foundation.sql: stray is neither a foundation table nor given an owner in scripts/table-ownership.ts')
  })

  it('holds for the project itself: pickup reads review’s cases and appointment queue’s ticket numbers through their views', () => {
    const { ok, output } = checkTableOwnership()
    expect(output).toBe('no module names another module’s tables')
    expect(ok).toBe(true)
    const views = databaseObjects().objects.filter((o) => o.kind === 'view')
    expect(views.map((v) => `${v.owner}:${v.name}`).sort()).toEqual(['queue:queue_ticket_numbers', 'review:review_case_directory'])
  })
})
