import { recordAudit } from '../server/modules/audit/audit.repository'
import { systemContext } from '../server/modules/users/actor'
import { progress, withApp } from './shared'

export interface ReindexOptions {
  /** commander's `--no-optimize` sets this to false. */
  optimize: boolean
}

const formatBytes = (n: number | null): string => {
  if (n == null) return '未知'
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`
  return `${(n / 1024 ** 3).toFixed(2)} GB`
}

/**
 * `zhanqun reindex`: queues every source and drains the queue in this process with a progress
 * bar, then compacts the engine's index. The index stays online: a running server keeps
 * answering searches meanwhile (and may drain part of the queue itself).
 */
export async function runReindex(options: ReindexOptions): Promise<void> {
  await withApp(async ({ core }) => {
    const { indexer, provider } = core.search
    const db = core.deps.db
    const started = Date.now()
    await db.transaction().execute(async (trx) => {
      await indexer.queueAll(trx)
      await recordAudit(trx, systemContext('cli'), {
        action: 'search.reindex',
        entity: 'search',
        entityId: provider.name,
        diff: { engine: provider.name, via: 'cli', optimize: options.optimize },
      })
    })
    // Queue entries, not documents: the first one ('all') expands into one per source.
    const bar = progress('重建索引')
    let entries = 0
    try {
      entries = await indexer.drain(({ done, remaining }) => bar.onProgress(done, done + remaining))
    } finally {
      bar.stop()
    }
    const indexed = Date.now()
    if (options.optimize) {
      process.stdout.write('正在优化索引…\n')
      await provider.optimize(db)
    }
    const counted = await db
      .selectFrom('search_doc')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    const documents = Number(counted?.n ?? 0)
    const seconds = (indexed - started) / 1000
    const rate = seconds > 0 ? Math.round(documents / seconds) : documents
    const size = await provider.size(db).catch(() => null)
    console.log(`已索引文档：${documents} 篇（处理队列 ${entries} 项）`)
    console.log(
      `索引用时：${seconds.toFixed(1)} 秒（${rate} 篇/秒）${
        options.optimize ? `，优化用时：${((Date.now() - indexed) / 1000).toFixed(1)} 秒` : ''
      }`,
    )
    console.log(`索引大小：${formatBytes(size)}（引擎：${provider.name}）`)
  })
}
