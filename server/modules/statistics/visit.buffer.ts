import type { Db } from '../../db/database'
import { formatDate } from '../../../common/time'
import { articleRepository } from '../articles/article.repository'
import { visitRepository } from './visit.repository'

export type VisitEntity = 'site' | 'column' | 'article'

/**
 * Counts page views in memory and writes them in one transaction per flush, so a page view
 * never costs a database write. Flushed on a timer and at shutdown.
 */
export class VisitBuffer {
  private counts = new Map<string, number>()
  private timer: NodeJS.Timeout | null = null
  private flushing: Promise<void> | null = null

  constructor(
    private readonly db: Db,
    private readonly onError: (e: unknown) => void,
  ) {}

  hit(entity: VisitEntity, id: number): void {
    const key = `${entity}:${id}`
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }

  /** Views counted but not yet written (so pages can show an up-to-date 阅读次数). */
  pending(entity: VisitEntity, id: number): number {
    return this.counts.get(`${entity}:${id}`) ?? 0
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush(), intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.flush()
  }

  async flush(): Promise<void> {
    while (this.flushing) await this.flushing
    if (this.counts.size === 0) return
    const batch = this.counts
    this.counts = new Map()
    const day = formatDate(new Date())
    this.flushing = this.db
      .transaction()
      .execute(async (trx) => {
        for (const [key, n] of batch) {
          const [entity, idText] = key.split(':') as [VisitEntity, string]
          const id = Number(idText)
          await visitRepository.add(trx, entity, id, day, n)
          if (entity === 'article') await articleRepository.addViews(trx, id, n)
        }
      })
      .catch((e: unknown) => {
        // Put the counts back so a transient failure loses nothing.
        for (const [key, n] of batch) this.counts.set(key, (this.counts.get(key) ?? 0) + n)
        this.onError(e)
      })
      .finally(() => {
        this.flushing = null
      })
    await this.flushing
  }
}
