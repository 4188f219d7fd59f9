import type { AppContext } from '../../core/context'
import { generateRegister } from './generator'
import { countRegister, mergeRegisterIndex, upsertRegister } from './repository'

/**
 * How many synthetic register names the demo holds: 120,000 by default, 200 under jest so every
 * suite's fresh database stays quick (NAME_DEMO_SEED_SIZE overrides both).
 */
export function demoSeedSize(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.NAME_DEMO_SEED_SIZE)
  if (Number.isInteger(configured) && configured > 0) return configured
  return env.NODE_ENV === 'test' ? 200 : 120_000
}

/** Fills the demo register once; a restart with a full register only counts it. */
export async function seedNameRegister(ctx: Pick<AppContext, 'db' | 'clock'>, size = demoSeedSize()): Promise<number> {
  if ((await countRegister(ctx.db, 'demo')) >= size) return 0
  let written = 0
  for (const batch of generateRegister(size)) {
    const { inserted } = await upsertRegister(ctx.db, batch, 'demo', ctx.clock.now())
    written += inserted
  }
  await mergeRegisterIndex(ctx.db)
  return written
}
