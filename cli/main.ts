import { Command, InvalidArgumentError } from 'commander'
import { fail } from './fail'
import type { CheckOptions } from './check.command'
import type { UserAddOptions } from './user.command'

// Commands load their modules only when run: `start`'s cluster primary stays small.
const runStart = async () => (await import('./server.command')).runStart()
const runMigrate = async () => (await import('./data.command')).runMigrate()
const runSeed = async (o: { demo: boolean; articles?: number }) =>
  (await import('./data.command')).runSeed(o)
const runImportArticles = async (file: string, o: { site: string; column: string }) =>
  (await import('./import.command')).runImportArticles(file, o)
const runImportLetters = async (file: string, o: { mailbox: string; taxonomy?: string }) =>
  (await import('./import-letters.command')).runImportLetters(file, o)
const runImportRecords = async (file: string, o: { set: string }) =>
  (await import('./import-records.command')).runImportRecords(file, o)
const runUserAdd = async (o: UserAddOptions) => (await import('./user.command')).runUserAdd(o)
const runJobsRun = async (o: { limit?: number }) => (await import('./jobs.command')).runJobsRun(o)
const runBackup = async (file: string) => (await import('./backup.command')).runBackup(file)
const runCheck = async (o: CheckOptions) => (await import('./check.command')).runCheck(o)
const runReindex = async (o: { optimize: boolean }) =>
  (await import('./reindex.command')).runReindex(o)
const runRestore = async (file: string, o: { yes?: boolean }) =>
  (await import('./backup.command')).runRestore(file, o)

const program = new Command()
program
  .name('zhanqun')
  .description('站群 Zhanqun 命令行工具（读取 DATA_DIR 与 DATABASE_URL，与服务器相同）')
  .showHelpAfterError('（使用 zhanqun --help 查看用法）')

const positiveInt = (v: string): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('应为非负整数')
  return n
}

program
  .command('start')
  .description('启动服务器（首次启动自动建库、创建管理员并生成演示数据）')
  .action(runStart)
program.command('migrate').description('执行数据库迁移').action(runMigrate)
program
  .command('seed')
  .description('生成演示数据（示例县）')
  .requiredOption('--demo', '生成示例县演示站群')
  .option('--articles <n>', '信息总数（默认约 3000 篇；基准测试用 200000）', positiveInt)
  .action(runSeed)

const imp = program.command('import').description('导入数据')
imp
  .command('articles <file>')
  .description('从 JSONL 文件导入信息（每行含 title、body 或 html、date，可选 source、externalId）')
  .requiredOption('--site <code>', '站点代码')
  .requiredOption('--column <path>', '栏目路径（栏目接口列出的 path，如 zwgk/tzgg）')
  .action(runImportArticles)
imp
  .command('letters <file>')
  .description(
    '从 JSONL 文件导入历史来信（每行含 id、subject、body、posted_at，可选 reply、replied_at、name、mobile、type、category；按 id 幂等）',
  )
  .requiredOption('--mailbox <code>', '信箱代码')
  .option('--taxonomy <file>', '三级分类表 CSV（一级分类,二级分类,三级分类），按关键词为来信归类')
  .action(runImportLetters)
imp
  .command('records <file>')
  .description(
    '导入个人查询数据（xlsx 或 CSV，表头见后台“导入模板”）为查询项目的新版本：全部通过检查才导入，导入后替换当前版本',
  )
  .requiredOption('--set <code>', '查询项目代码（如 yanglaojin）')
  .action(runImportRecords)

const user = program.command('user').description('用户管理')
user
  .command('add')
  .description('新建用户')
  .requiredOption('--username <name>', '用户名')
  .option('--name <displayName>', '姓名')
  .option('--password <password>', '密码（不填则生成并显示一次）')
  .option('--admin', '平台管理员（可管理全部站点）')
  .option('--site <code>', '授予角色的站点代码')
  .option(
    '--role <role>',
    '站点角色：admin（站点管理员）、reviewer（审核人）或 editor（编辑）',
    'editor',
  )
  .action(runUserAdd)

const jobs = program.command('jobs').description('定时任务')
jobs
  .command('run')
  .description('立即执行所有已到期的定时任务（停机后补执行；与运行中的服务器同时执行也只执行一次）')
  .option('--limit <n>', '最多执行的任务数', positiveInt)
  .action(runJobsRun)

program
  .command('backup <file>')
  .description('在线备份 SQLite 数据库（PostgreSQL 请用 pg_dump）')
  .action(runBackup)
program
  .command('restore <file>')
  .description('从备份恢复 SQLite 数据库（须先停止服务器）')
  .option('--yes', '确认覆盖当前数据库')
  .action(runRestore)

program
  .command('check')
  .description(
    '内容检查：敏感词、错别字、个人信息、涉密标志、失效链接等（发现须阻止发布的问题时退出码为 1，用法错误为 2）',
  )
  .option('--site <code>', '检查该站点全部已发布信息')
  .option('--file <file>', '检查一个 HTML（.html/.htm）或纯文本文件')
  .option('--json', '以 JSON 输出')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
  .action(runCheck)

program
  .command('reindex')
  .description(
    '重建站内搜索索引：全部内容重新索引（显示进度），完成后优化索引；服务器运行时也可执行，期间搜索照常可用',
  )
  .option('--no-optimize', '不在重建后优化（压缩）索引')
  .action(runReindex)

try {
  await program.parseAsync(process.argv)
} catch (e) {
  fail(e)
}
