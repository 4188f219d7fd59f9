import { dropTemplates } from './template'

export default async function globalTeardown(): Promise<void> {
  await dropTemplates()
}
