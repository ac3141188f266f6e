import { migrateToLatest } from '../server/db/migrate'
import { openDatabase } from '../server/db/database'
import { siteRepository } from '../server/modules/sites/site.repository'
import { seedDemo } from '../server/modules/demo/seed-demo'
import { bootstrap } from '../server/bootstrap'
import { cliConfig, progress, withApp } from './shared'

export async function runMigrate(): Promise<void> {
  const config = cliConfig()
  const database = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
  try {
    const applied = await migrateToLatest(database.db)
    console.log(applied.length ? `已执行迁移：\n  ${applied.join('\n  ')}` : '数据库已是最新结构')
  } finally {
    await database.close()
  }
}

export async function runSeed(options: { demo: boolean; articles?: number }): Promise<void> {
  await withApp(async ({ core }, config) => {
    if ((await siteRepository.listAll(core.deps.db)).length > 0) {
      throw new Error('数据库中已有站点，演示数据只能生成到空数据库；请换一个 DATA_DIR 或数据库')
    }
    const boot = await bootstrap(core, { adminPassword: config.adminPassword, seedDemo: false })
    if (boot.generatedAdminPassword)
      console.log(`已创建管理员 admin，初始密码：${boot.generatedAdminPassword}`)
    const bar = progress('生成演示数据')
    const started = Date.now()
    const result = await seedDemo(core, {
      articles: options.articles,
      onProgress: bar.onProgress,
    })
    bar.stop()
    const s = (Date.now() - started) / 1000
    console.log(
      `完成：${result.sites} 个站点、${result.columns} 个栏目、${result.articles} 篇信息，用时 ${s.toFixed(1)} 秒`,
    )
  })
}
