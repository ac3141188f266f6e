import { loadConfig } from '../server/env'
import { start } from '../server/main'

export async function runStart(): Promise<void> {
  await start(loadConfig())
}
