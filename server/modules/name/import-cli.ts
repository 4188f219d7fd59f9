// `npm run names:import -- FILE.csv`: loads the register of existing names into the configured database
// (DATABASE_URL, or the embedded PGlite under DATA_DIR — stop the BFF first, PGlite has one owner).
import fs from 'node:fs'
import { loadConfig } from '../../config'
import { openRuntime } from '../../runtime'
import { importRegister } from './importer'

async function main() {
  const file = process.argv[2]
  if (!file || !fs.existsSync(file)) {
    console.error('用法：npm run names:import -- 文件.csv（表头 name,status,status_date,city_code）')
    process.exit(2)
  }
  const runtime = await openRuntime(loadConfig())
  const started = Date.now()
  try {
    const report = await importRegister(runtime.db, fs.createReadStream(file), runtime.clock.now())
    console.log(
      `读取 ${report.lines} 行：新增 ${report.inserted}，更新 ${report.updated}，未变 ${report.unchanged}，拒绝 ${report.rejectedTotal}（用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
    )
    for (const { line, reason } of report.rejected) console.log(`第 ${line} 行：${reason}`)
    if (report.rejectedTotal > report.rejected.length) console.log(`……另有 ${report.rejectedTotal - report.rejected.length} 行被拒绝`)
    process.exitCode = report.rejectedTotal ? 1 : 0
  } finally {
    await runtime.db.close()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
