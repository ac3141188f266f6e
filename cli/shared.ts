import { SingleBar, Presets } from 'cli-progress'
import { buildApp, createLogger, type BuiltApp } from '../server/app'
import { ConfigError, loadConfig, type Config } from '../server/env'
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

export function cliConfig(): Config {
  return loadConfig(process.env, {})
}

/** The same core the server runs, built without listening; quiet logs. */
export async function withApp<T>(fn: (built: BuiltApp, config: Config) => Promise<T>): Promise<T> {
  const config = { ...cliConfig(), accessLog: false }
  const built = await buildApp(config, { logger: createLogger({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' }) })
  try {
    return await fn(built, config)
  } finally {
    await built.app.close()
  }
}

export function progressBar(label: string): SingleBar {
  return new SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {value}/{total} | 剩余 {eta_formatted}`,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  )
}
