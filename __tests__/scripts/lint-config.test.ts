// The lint step of `npm test` enforces the React hooks rules on app code and Prettier's style.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

const eslint = (code: string, file: string) =>
  spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' })

const rulesHit = (output: string): string[] => (JSON.parse(output) as { messages: { ruleId: string }[] }[])[0].messages.map((m) => m.ruleId)

test('a page that breaks the hooks rules fails the lint step', () => {
  const page = [
    "import { useEffect, useState } from 'react'",
    'export default function Page({ id, open }: { id: string; open: boolean }) {',
    '  if (open) useState(0)',
    '  useEffect(() => console.log(id), [])',
    '  return null',
    '}',
    '',
  ].join('\n')
  const run = eslint(page, 'src/pages/lint-probe/index.tsx')
  expect(run.status).toBe(1)
  expect(rulesHit(run.stdout)).toEqual(expect.arrayContaining(['react-hooks/rules-of-hooks', 'react-hooks/exhaustive-deps']))
}, 60_000)

test('code in the project style passes Prettier, code with semicolons does not', () => {
  const check = (code: string) =>
    spawnSync(bin('prettier'), ['--check', '--stdin-filepath', 'src/probe.ts'], { cwd: ROOT, input: code, encoding: 'utf8' }).status
  expect(check('const greeting = (name: string) => `你好，${name}`\nexport default greeting\n')).toBe(0)
  expect(check('const greeting = (name: string) => "hi " + name;\nexport default greeting;\n')).not.toBe(0)
}, 60_000)
