import type { AppContext } from '../../core/context'
import { grantPlatformAdmin } from './service'

/** The demo platform administrator (log in by SMS like anyone else); a real deployment grants its first one with `npm run admin:grant`. */
export const DEMO_PLATFORM_ADMIN_PHONE = '13900000000'

export const seedPlatformAdmin = (ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>) => grantPlatformAdmin(ctx, DEMO_PLATFORM_ADMIN_PHONE)
