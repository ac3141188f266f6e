import path from 'node:path'
import { importLettersJsonl } from '../server/modules/letters/commands/import-letters'
import { systemContext } from '../server/modules/users/actor'
import { progress, withApp } from './shared'

export interface ImportLettersOptions {
  mailbox: string
  taxonomy?: string
}

/** `zhanqun import letters FILE --mailbox CODE [--taxonomy FILE.csv]`: a county's past letters. */
export async function runImportLetters(file: string, options: ImportLettersOptions): Promise<void> {
  await withApp(async ({ core }) => {
    const bar = progress('导入来信')
    const report = await importLettersJsonl(core, systemContext('cli-import'), {
      file: path.resolve(file),
      mailboxCode: options.mailbox,
      taxonomyFile: options.taxonomy ? path.resolve(options.taxonomy) : undefined,
      onProgress: bar.onProgress,
    })
    bar.stop()
    const written = report.inserted + report.updated + report.unchanged
    const rate = report.ms > 0 ? Math.round((written * 1000) / report.ms) : 0
    console.log(
      `导入完成：新增 ${report.inserted} 件，更新 ${report.updated} 件，未变化 ${report.unchanged} 件，跳过 ${report.skipped.length} 行，用时 ${(report.ms / 1000).toFixed(1)} 秒（${rate} 件/秒）`,
    )
    console.log(`有答复的来信 ${report.withReply} 件（状态为已答复）`)
    if (report.taxonomy) {
      const valid = written
      const share = valid > 0 ? ((report.classified * 100) / valid).toFixed(1) : '0.0'
      console.log(
        `分类：按分类表（${report.taxonomy.categories} 类，${report.taxonomy.keywords} 个关键词）归类 ${report.classified} 件（${share}%），共 ${report.categorized} 件有分类`,
      )
    }
    if (report.topCategories.length > 0) {
      console.log('来信最多的分类：')
      for (const c of report.topCategories) console.log(`  ${c.path}  ${c.count} 件`)
    }
    for (const s of report.skipped.slice(0, 200)) console.log(`  第 ${s.line} 行：${s.reason}`)
    if (report.skipped.length > 200) console.log(`  ……另有 ${report.skipped.length - 200} 行被跳过`)
    if (report.skipped.length > 0) process.exitCode = 3
  })
}
