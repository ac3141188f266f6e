import { Type, type Static } from 'typebox'
import { isAppError } from '../../errors'
import type { RequestContext } from '../users/actor'
import type { ArticleService } from './article.service'

export const BULK_ACTIONS = ['move', 'unpublish', 'delete'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

export const BulkActionSchema = Type.Object({
  ids: Type.Array(Type.Integer({ minimum: 1 }), { title: '信息', minItems: 1, maxItems: 500 }),
  action: Type.Enum(BULK_ACTIONS, { title: '操作' }),
  columnId: Type.Optional(Type.Integer({ title: '目标栏目', minimum: 1 })),
})
export type BulkActionInput = Static<typeof BulkActionSchema>

export interface BulkItemResult {
  id: number
  ok: boolean
  /** Why this article was not changed, in Chinese (absent when `ok`). */
  reason?: string
  code?: string
}

export interface BulkResult {
  action: BulkAction
  succeeded: number
  failed: number
  results: BulkItemResult[]
}

/**
 * Applies one action to many articles, each through the ordinary service call (policy check,
 * its own transaction, audit event, cache invalidation), so one refusal never blocks the rest.
 * `move` makes `columnId` the primary column and keeps the other placements.
 */
export async function runBulkAction(
  articles: ArticleService,
  ctx: RequestContext,
  input: BulkActionInput,
): Promise<BulkResult> {
  const results: BulkItemResult[] = []
  for (const id of [...new Set(input.ids)]) {
    try {
      if (input.action === 'move') {
        const columnId = input.columnId as number
        const before = await articles.get(ctx, id)
        const linked = before.placements
          .filter((p) => p.kind !== 'primary' && p.columnId !== columnId)
          .map((p) => p.columnId)
        await articles.update(ctx, id, { columnIds: [columnId, ...linked] })
      } else if (input.action === 'unpublish') {
        await articles.unpublish(ctx, id)
      } else {
        await articles.remove(ctx, id)
      }
      results.push({ id, ok: true })
    } catch (e) {
      if (!isAppError(e)) throw e
      results.push({ id, ok: false, code: e.code, reason: reasonOf(e.code, e.message, e.fields) })
    }
  }
  const succeeded = results.filter((r) => r.ok).length
  return { action: input.action, succeeded, failed: results.length - succeeded, results }
}

function reasonOf(code: string, message: string, fields?: Record<string, string>): string {
  if (code === 'forbidden') return '没有权限操作该信息'
  const detail = fields ? Object.values(fields)[0] : undefined
  return detail && detail !== message ? `${message}：${detail}` : message
}
