import { buildTemplates } from './template'

/** Once per jest run of the server project: the migrated and seeded templates every suite copies. */
export default async function globalSetup(): Promise<void> {
  await buildTemplates(process.env.TEST_DATABASE_URL || null)
}
