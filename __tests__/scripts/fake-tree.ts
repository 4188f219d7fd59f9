import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Writes `files` (path relative to the tree → text) into a fresh temporary folder and returns it. */
export function writeTree(prefix: string, files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  return dir
}
