import path from 'node:path'
import type { FileKeyWrapper } from '../../core/crypto'
import type { StorageConfig } from '../../core/storage-config'
import { s3Storage } from './s3-storage'
import { localDiskStorage, type FileStorage } from './storage'

const s3Storages = new WeakMap<StorageConfig, FileStorage>()

/**
 * The storage the configuration names (STORAGE): the data directory's disk (`${dataDir}/files`), or the
 * shared bucket (one client per configuration, kept for the life of the process). Both under the context's data keys.
 */
export function storageFor(ctx: { config: { dataDir: string; storage: StorageConfig }; keys: { files: FileKeyWrapper } }): FileStorage {
  const config = ctx.config.storage
  if (config.kind === 'local') return localDiskStorage(path.join(ctx.config.dataDir, 'files'), ctx.keys.files)
  let storage = s3Storages.get(config)
  if (!storage) s3Storages.set(config, (storage = s3Storage(config, ctx.keys.files)))
  return storage
}
