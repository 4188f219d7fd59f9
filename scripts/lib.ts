import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')

/** Runs a command with inherited output; returns its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env })
  return result.status ?? 1
}

export function mustRun(command: string, args: string[], env?: NodeJS.ProcessEnv): void {
  const code = run(command, args, env)
  if (code !== 0) {
    console.error(`\n✗ ${command} ${args.join(' ')} exited with ${code}`)
    process.exit(code)
  }
}

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

/** Whether the built target is missing or older than any source or config file. */
export function buildIsStale(target: 'h5' | 'weapp'): boolean {
  const marker = path.join(ROOT, 'dist', target, target === 'h5' ? 'index.html' : 'app.json')
  if (!fs.existsSync(marker)) return true
  const builtAt = fs.statSync(marker).mtimeMs
  return ['src', 'config'].some((dir) => newestMtime(path.join(ROOT, dir)) > builtAt)
}

export const npxBin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)
