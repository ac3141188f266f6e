import path from 'node:path'
import { importArticlesJsonl } from '../server/modules/articles/commands/import-jsonl'
import { systemContext } from '../server/modules/users/actor'
import { progress, withApp } from './shared'

export async function runImportArticles(
  file: string,
  options: { site: string; column: string },
): Promise<void> {
  await withApp(async ({ core }) => {
    const bar = progress('导入信息')
    const report = await importArticlesJsonl(core, systemContext('cli-import'), {
      file: path.resolve(file),
      siteCode: options.site,
      columnPath: options.column,
      onProgress: bar.onProgress,
    })
    bar.stop()
    const rate =
      report.ms > 0 ? Math.round(((report.inserted + report.updated) * 1000) / report.ms) : 0
    console.log(
      `导入完成：新增 ${report.inserted} 篇，更新 ${report.updated} 篇，跳过 ${report.skipped.length} 行，用时 ${(report.ms / 1000).toFixed(1)} 秒（${rate} 篇/秒）`,
    )
    for (const s of report.skipped.slice(0, 200)) console.log(`  第 ${s.line} 行：${s.reason}`)
    if (report.skipped.length > 200) console.log(`  ……另有 ${report.skipped.length - 200} 行被跳过`)
    if (report.skipped.length > 0) process.exitCode = 3
  })
}
