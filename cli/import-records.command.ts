import fs from 'node:fs'
import path from 'node:path'
import { recordsRepository } from '../server/modules/records/records.repository'
import { isAppError } from '../server/errors'
import { systemContext } from '../server/modules/users/actor'
import { progress, withApp } from './shared'

/**
 * `zhanqun import records FILE --set CODE`: a department's export (xlsx or CSV) as the set's new
 * version. Every row is checked first; on any error nothing is imported and the rows are listed.
 */
export async function runImportRecords(file: string, options: { set: string }): Promise<void> {
  await withApp(async ({ core }) => {
    const set = await recordsRepository.getSetByCode(core.deps.db, options.set)
    if (!set) {
      console.error(`查询项目不存在：${options.set}`)
      process.exitCode = 2
      return
    }
    const bytes = fs.readFileSync(path.resolve(file))
    const bar = progress('写入记录')
    try {
      const r = await core.records.importVersion(systemContext('cli-import'), {
        setId: set.id,
        bytes,
        fileName: path.basename(file),
        onProgress: bar.onProgress,
      })
      bar.stop()
      const v = r.version
      console.log(
        `导入完成：版本 ${v.id}，${v.people} 人，${v.lines} 行，用时 ${(r.ms / 1000).toFixed(1)} 秒；已替换为当前版本（可在后台恢复上一版本）`,
      )
      for (const w of r.warnings.slice(0, 50)) console.log(`  ${w}`)
    } catch (err) {
      bar.stop()
      if (!isAppError(err)) throw err
      console.error(err.message)
      for (const line of Object.values(err.fields ?? {})) console.error(`  ${line}`)
      process.exitCode = 3
    }
  })
}
