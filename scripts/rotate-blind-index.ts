// `npm run keys:reindex`: after setting a new BLIND_INDEX_KEY, recomputes every blind index from the
// decrypted values in the configured database (DATABASE_URL, or the embedded PGlite under DATA_DIR —
// stop the BFF first). See docs/security.md, "Keys".
import { loadConfig } from '../server/config'
import { rotateBlindIndex } from '../server/blind-index'
import { openRuntime } from '../server/runtime'

async function main() {
  const runtime = await openRuntime(loadConfig())
  try {
    const report = await rotateBlindIndex(runtime.db, runtime.keys.cipher)
    console.log(
      `已按新的 BLIND_INDEX_KEY 重算索引：用户 ${report.users}，常用地址 ${report.addresses}，短信验证码保留 ${report.smsCodesKept}、作废 ${report.smsCodesDropped}`,
    )
  } finally {
    await runtime.db.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
