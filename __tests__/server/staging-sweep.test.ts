import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createFileKeyWrapper, keyId } from '../../server/core/crypto'
import { localDiskStorage } from '../../server/modules/review/storage'

const HOUR = 60 * 60 * 1000

function storageIn(dir: string) {
  const key = crypto.randomBytes(32)
  return localDiskStorage(dir, createFileKeyWrapper({ current: { id: keyId(key), key }, previous: [] }))
}

describe('the staging sweep (files left by a crash between commit and rename)', () => {
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onetrip-sweep-'))
  })
  afterEach(() => {
    jest.restoreAllMocks()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('removes staged files older than the limit and keeps recent ones', async () => {
    const storage = storageIn(dir)
    const stale = await storage.stage(Readable.from([Buffer.from('left behind')]))
    const fresh = await storage.stage(Readable.from([Buffer.from('in flight')]))
    const twoHoursAgo = new Date(fs.statSync(stale.path).mtimeMs - 2 * HOUR)
    fs.utimesSync(stale.path, twoHoursAgo, twoHoursAgo)

    expect(await storage.sweepStaging(HOUR)).toBe(1)
    expect(fs.existsSync(stale.path)).toBe(false)
    expect(fs.existsSync(fresh.path)).toBe(true)
  })

  it('judges age by the file system clock, so a BFF clock a year ahead never deletes an upload in flight', async () => {
    const storage = storageIn(dir)
    const inFlight = await storage.stage(Readable.from([Buffer.from('being uploaded')]))
    const realNow = Date.now()
    jest.spyOn(Date, 'now').mockReturnValue(realNow + 365 * 24 * HOUR)

    expect(await storage.sweepStaging(HOUR)).toBe(0)
    expect(fs.existsSync(inFlight.path)).toBe(true)
  })
})
