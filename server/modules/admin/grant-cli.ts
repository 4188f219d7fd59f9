// `npm run admin:grant -- 13800000000`: makes the phone's account a platform administrator in the configured
// database (DATABASE_URL, or the embedded PGlite under DATA_DIR — stop the BFF first, PGlite has one owner).
// This is how a deployment that starts empty (SEED=off) gets its first administrator; later ones are granted the same way.
import { loadConfig } from '../../config'
import { openRuntime } from '../../runtime'
import { grantPlatformAdmin } from './service'

async function main() {
  const phone = process.argv[2]
  if (!phone) {
    console.error('用法：npm run admin:grant -- 手机号')
    process.exit(2)
  }
  const runtime = await openRuntime(loadConfig())
  try {
    await grantPlatformAdmin(runtime, phone)
    console.log('已设为平台管理员：用该手机号短信登录后，在“我的 → 工作台 → 管理”新建服务中心并设置其管理员')
  } finally {
    await runtime.db.close()
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
