import type { PlacementKind } from '../../../common/enums'
import type { DisclosureInput } from './article.schema'
import type { Executor } from '../../db/database'
import { nowIso } from '../../db/dialect'
import { recordAudit } from '../audit/audit.repository'
import type { RequestContext } from '../users/actor'
import { articleRepository } from './article.repository'
import { placementRepository } from './placement.repository'
import { htmlToText, sanitizeRichText, summarise, textToHtml } from './rich-text'

/** One article of a bulk load (import, demo seed): published directly with its placements. */
export interface BulkArticle {
  externalId?: string
  title: string
  subtitle?: string
  source?: string
  author?: string
  /** Rich text (sanitised here) or plain text (turned into paragraphs). */
  html?: string
  text?: string
  summary?: string
  keywords?: string
  publishedAt: string
  coverFileId?: number | null
  coverAlt?: string
  disclosure?: DisclosureInput
  placements: { columnId: number; siteId: number; kind: PlacementKind }[]
}

/**
 * Inserts or updates (by `externalId` within the site) a batch of published articles in the
 * caller's transaction, with one audit event for the batch. Returns the ids touched.
 */
export async function upsertArticles(
  trx: Executor,
  ctx: RequestContext,
  siteId: number,
  rows: BulkArticle[],
  action = 'article.import',
): Promise<{ inserted: number[]; updated: number[] }> {
  const existing = await articleRepository.findByExternalIds(
    trx,
    siteId,
    rows.map((r) => r.externalId).filter((x): x is string => Boolean(x)),
  )
  const inserted: number[] = []
  const updated: number[] = []
  const now = nowIso()
  for (const row of rows) {
    const html = row.html !== undefined ? sanitizeRichText(row.html) : textToHtml(row.text ?? '')
    const text = htmlToText(html)
    const d = row.disclosure
    const values = {
      title: row.title.trim(),
      subtitle: row.subtitle ?? '',
      source: row.source ?? '',
      author: row.author ?? '',
      body_html: html,
      body_text: text,
      summary: row.summary?.trim() || summarise(text),
      keywords: row.keywords ?? '',
      cover_file_id: row.coverFileId ?? null,
      cover_alt: row.coverAlt ?? '',
      index_no: d?.indexNo ?? '',
      doc_no: d?.docNo ?? '',
      issuer: d?.issuer ?? '',
      written_at: d?.writtenAt ?? null,
      subject_category: d?.subjectCategory ?? '',
      validity: d?.validity ?? '',
      status: 'published',
      published_at: row.publishedAt,
      updated_by: ctx.actor.id,
      updated_at: now,
    }
    const known = row.externalId ? existing.get(row.externalId) : undefined
    if (known !== undefined) {
      await articleRepository.update(trx, known, values)
      await placementRepository.syncStatus(trx, known, 'published', row.publishedAt)
      updated.push(known)
      continue
    }
    const id = await articleRepository.insert(trx, {
      ...values,
      site_id: siteId,
      external_id: row.externalId || null,
      created_by: ctx.actor.id,
      created_at: now,
    })
    await placementRepository.replaceForArticle(
      trx,
      id,
      row.placements,
      'published',
      row.publishedAt,
    )
    if (row.coverFileId) {
      await articleRepository.replaceFiles(trx, id, [
        { fileId: row.coverFileId, role: 'cover', name: row.coverAlt || 'cover' },
      ])
    }
    if (row.externalId) existing.set(row.externalId, id)
    inserted.push(id)
  }
  await recordAudit(trx, ctx, {
    action,
    entity: 'article',
    entityId: inserted[0] ?? updated[0] ?? '',
    siteId,
    diff: {
      inserted: inserted.length,
      updated: updated.length,
      ids: [...inserted, ...updated].slice(0, 1000),
    },
  })
  return { inserted, updated }
}
