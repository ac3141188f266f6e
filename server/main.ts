import { buildApp } from './app'
import { bootstrap } from './bootstrap'
import { ConfigError, loadConfig, type Config } from './env'

/** Starts the server: the only place that listens. */
export async function start(config: Config): Promise<void> {
  const built = await buildApp(config)
  const { app, core } = built
  if (config.captcha === 'off') {
    app.log.warn('!!! CAPTCHA=off：公众表单的人机验证已关闭，只可用于压力测试，切勿用于生产环境 !!!')
  }
  const boot = await bootstrap(core, {
    adminPassword: config.adminPassword,
    seedDemo: config.seedDemo,
    onSeedProgress: (done, total) => {
      if (done === total || done % 1000 === 0) process.stdout.write(`\r正在生成示例县演示数据：${done}/${total}`)
    },
  })
  if (boot.seeded) process.stdout.write('\n')
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
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const base = config.publicUrl ?? `http://localhost:${port}`
  const lines = [
    '',
    '  站群 Zhanqun 已启动',
    `  门户网站：   ${base}/`,
    `  管理后台：   ${base}/admin/`,
    `  接口文档：   ${base}/api/docs`,
    `  数据库：     ${config.databaseUrl ? 'PostgreSQL' : `SQLite（${config.dataDir}/zhanqun.db）`}`,
  ]
  if (boot.generatedAdminPassword) {
    lines.push(`  管理员账号： admin   初始密码：${boot.generatedAdminPassword}`)
    lines.push('  （初始密码只显示这一次，请登录后立即修改；也可用环境变量 ZHANQUN_ADMIN_PASSWORD 指定）')
  } else if (boot.adminCreated) {
    lines.push('  管理员账号： admin   密码：环境变量 ZHANQUN_ADMIN_PASSWORD 的值')
  } else {
    lines.push('  登录：使用已有账号（首个管理员为 admin）；忘记密码可运行 zhanqun user add 新建管理员')
  }
  if (boot.seeded) {
    lines.push(`  已生成演示数据：${boot.seeded.sites} 个站点、${boot.seeded.columns} 个栏目、${boot.seeded.articles} 篇信息`)
  }
  console.log(lines.join('\n') + '\n')

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
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
