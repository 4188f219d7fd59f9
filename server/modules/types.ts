import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { AppContext } from '../core/context'
import type { Job } from '../core/jobs'

/** A feature module: its routes (mounted under /api/v1), its demo seed and its scheduled jobs. */
export interface AppModule {
  name: string
  routes(ctx: AppContext): FastifyPluginAsyncTypebox
  /** Idempotent: running it twice leaves the same data. */
  seed?(ctx: Pick<AppContext, 'db' | 'keys' | 'clock'>): Promise<void>
  jobs?: Job[]
}
