import cluster from 'node:cluster'
import pino from 'pino'
import type { BootstrapResult } from './bootstrap'
import { ConfigError, loadConfig, type Config } from './env'
import type { ChangeEvent } from './events'
// The warning file imports nothing: the primary stays light.
import { captchaOffWarning } from './modules/captcha/captcha.warning'
import { ensureDigestScheduled } from './modules/letters/letter.deadlines'

// The cluster primary imports nothing heavy: the application loads only in the processes that
// prepare the database and serve requests.
const loadApp = () => import('./app')
/** V8 limits for serving workers: a small young generation and a bounded old one keep RSS low. */
const WORKER_V8_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=192']

interface RelayMessage {
  type: 'zq-event'
  event: ChangeEvent
}
const isRelay = (m: unknown): m is RelayMessage =>
  typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'zq-event'

/**
 * Starts the server. With WORKERS > 1 the primary process migrates, bootstraps and then forks
 * workers that share the port; on SQLite, change events (cache invalidation) travel between
 * workers through the primary, on PostgreSQL over LISTEN/NOTIFY.
 */
export async function start(config: Config): Promise<void> {
  // Once, from the process the operator started (not from each worker).
  if (config.captcha === 'off' && cluster.isPrimary) process.stderr.write(captchaOffWarning())
  if (config.workers > 1 && cluster.isPrimary) return startPrimary(config)
  if (cluster.isWorker && process.env.ZHANQUN_ROLE === 'prepare') {
    const boot = await prepare(config)
    process.send?.({ type: 'zq-prepared', boot }, () => process.exit(0))
    return
  }
  if (cluster.isWorker) return startWorker(config)
  const boot = await prepare(config)
  const port = await serve(config, false)
  printBanner(config, port, boot)
}

async function prepare(config: Config): Promise<BootstrapResult> {
  const { buildApp } = await loadApp()
  const { bootstrap } = await import('./bootstrap')
  const built = await buildApp({ ...config, accessLog: false })
  try {
    const boot = await bootstrap(built.core, {
      adminPassword: config.adminPassword,
      seedDemo: config.seedDemo,
      onSeedProgress: (done, total) => {
        if (done === total || done % 1000 === 0)
          process.stdout.write(`\r正在生成示例县演示数据：${done}/${total}`)
      },
    })
    if (boot.seeded) process.stdout.write('\n')
    return boot
  } finally {
    await built.app.close()
  }
}

/** Builds the app and listens; returns the port. */
async function serve(config: Config, relayIpc: boolean): Promise<number> {
  const { buildApp } = await loadApp()
  const { app, bus, database, core } = await buildApp(config)
  if (relayIpc && !database.pool) {
    bus.setOutbound((event) => process.send?.({ type: 'zq-event', event } satisfies RelayMessage))
    process.on('message', (m: unknown) => {
      if (isRelay(m)) bus.deliver(m.event)
    })
  }
  try {
    await app.listen({ port: config.port, host: config.host, ipv6Only: false })
  } catch (err) {
    // A machine without IPv6 still starts, on IPv4.
    if (config.host === '::' && (err as NodeJS.ErrnoException).code === 'EAFNOSUPPORT') {
      await app.listen({ port: config.port, host: '0.0.0.0' })
    } else {
      throw err
    }
  }
  // Every instance polls the durable job table; a job is claimed by exactly one of them.
  if (config.jobsIntervalMs > 0) {
    await ensureDigestScheduled(core.deps)
    core.jobs.start(config.jobsIntervalMs)
  }
  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  process.on('disconnect', () => void shutdown())
  const address = app.server.address()
  return typeof address === 'object' && address ? address.port : config.port
}

async function startWorker(config: Config): Promise<void> {
  const port = await serve(config, true)
  process.send?.({ type: 'zq-listening', port })
}

/** Migrations, the first admin and the demo seed run once, in a short-lived child process. */
function prepareInChild(): Promise<BootstrapResult> {
  return new Promise((resolve, reject) => {
    const child = cluster.fork({ ZHANQUN_ROLE: 'prepare' })
    let boot: BootstrapResult | null = null
    child.on('message', (m: unknown) => {
      if (typeof m === 'object' && m && (m as { type?: string }).type === 'zq-prepared') {
        boot = (m as { boot: BootstrapResult }).boot
      }
    })
    child.on('exit', (code) =>
      boot ? resolve(boot) : reject(new Error(`初始化进程退出（代码 ${code}）`)),
    )
  })
}

async function startPrimary(config: Config): Promise<void> {
  const boot = await prepareInChild()
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...WORKER_V8_FLAGS] })
  const logger = pino({ level: config.logLevel })
  let stopping = false
  let announced = false
  const fork = () => {
    const worker = cluster.fork()
    worker.on('message', (m: unknown) => {
      if (isRelay(m)) {
        for (const other of Object.values(cluster.workers ?? {})) {
          if (other && other.id !== worker.id && other.isConnected()) other.send(m)
        }
      } else if (
        !announced &&
        typeof m === 'object' &&
        m &&
        (m as { type?: string }).type === 'zq-listening'
      ) {
        announced = true
        printBanner(config, (m as { port: number }).port, boot)
      }
    })
  }
  for (let i = 0; i < config.workers; i++) fork()
  const crashes: number[] = []
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return
    const now = Date.now()
    crashes.push(now)
    while (crashes.length > 0 && (crashes[0] ?? now) < now - 60_000) crashes.shift()
    // A worker that keeps dying at once (bad configuration, port taken) must not spin forever.
    if (crashes.length > config.workers * 3) {
      logger.fatal({ code, signal }, '工作进程反复退出，服务停止；请查看上面的错误信息')
      process.exit(1)
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker exited; starting a new one')
    setTimeout(fork, 1000)
  })
  const shutdown = () => {
    stopping = true
    for (const w of Object.values(cluster.workers ?? {})) w?.disconnect()
    setTimeout(() => process.exit(0), 10_000).unref()
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    })
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

function printBanner(config: Config, port: number, boot: BootstrapResult): void {
  const base = config.publicUrl ?? `http://localhost:${port}`
  const lines = [
    '',
    '  站群 Zhanqun 已启动',
    `  门户网站：   ${base}/`,
    `  管理后台：   ${base}/admin/`,
    `  接口文档：   ${base}/api/docs`,
    `  数据库：     ${config.databaseUrl ? 'PostgreSQL' : `SQLite（${config.dataDir}/zhanqun.db）`}；工作进程 ${config.workers} 个`,
  ]
  if (boot.generatedAdminPassword) {
    lines.push(`  管理员账号： admin   初始密码：${boot.generatedAdminPassword}`)
    lines.push(
      '  （初始密码只显示这一次，请登录后立即修改；也可用环境变量 ZHANQUN_ADMIN_PASSWORD 指定）',
    )
  } else if (boot.adminCreated) {
    lines.push('  管理员账号： admin   密码：环境变量 ZHANQUN_ADMIN_PASSWORD 的值')
  } else {
    lines.push(
      '  登录：使用已有账号（首个管理员为 admin）；如需新管理员可运行 zhanqun user add --admin',
    )
  }
  if (boot.seeded) {
    lines.push(
      `  已生成演示数据：${boot.seeded.sites} 个站点、${boot.seeded.columns} 个栏目、${boot.seeded.articles} 篇信息`,
    )
  }
  if (config.captcha === 'off') {
    lines.push('  ！！人机验证已关闭（CAPTCHA=off）：仅限压力测试，公众表单可被程序批量提交！！')
  }
  console.log(lines.join('\n') + '\n')
}

/** `tsx server/main.ts` (npm run dev). */
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await start(loadConfig())
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(2)
    }
    throw e
  }
}
