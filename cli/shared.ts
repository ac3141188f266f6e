import { SingleBar, Presets } from 'cli-progress'
import { buildApp, createLogger, type BuiltApp } from '../server/app'
import { loadConfig, type Config } from '../server/env'

export function cliConfig(): Config {
  return loadConfig(process.env, {})
}

/** The same core the server runs, built without listening; quiet logs. */
export async function withApp<T>(fn: (built: BuiltApp, config: Config) => Promise<T>): Promise<T> {
  const config = { ...cliConfig(), accessLog: false }
  const built = await buildApp(config, {
    logger: createLogger({ ...config, logLevel: process.env.LOG_LEVEL ?? 'warn' }),
    // The server indexes what a command changes; `zhanqun reindex` drains the queue itself.
    searchIndexer: false,
  })
  try {
    return await fn(built, config)
  } finally {
    await built.app.close()
  }
}

/** A progress bar that starts on the first report (when the total is known). */
export function progress(label: string): {
  onProgress: (done: number, total: number) => void
  stop: () => void
} {
  const bar = progressBar(label)
  let begun = false
  return {
    onProgress: (done, total) => {
      if (!begun) {
        bar.start(total, 0)
        begun = true
      }
      bar.update(done)
    },
    stop: () => {
      if (begun) bar.stop()
    },
  }
}

function progressBar(label: string): SingleBar {
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
