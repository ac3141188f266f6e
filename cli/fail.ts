import { ConfigError } from '../server/env'
import { isAppError } from '../server/errors'

/** Prints a clear Chinese error and exits non-zero; never a stack for expected errors. */
export function fail(e: unknown): never {
  if (e instanceof ConfigError) console.error(e.message)
  else if (isAppError(e)) {
    console.error(`错误：${e.message}`)
    for (const [k, v] of Object.entries(e.fields ?? {})) console.error(`  - ${k}：${v}`)
  } else console.error(`错误：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
}
