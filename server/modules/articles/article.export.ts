import { ARTICLE_STATUS_LABELS } from '../../../common/enums'
import { formatDateTime } from '../../../common/time'
import type { Executor } from '../../db/database'
import { buildXlsx } from '../../plugins/xlsx'
import type { RequestContext } from '../users/actor'
import { articleScope } from './article.policy'
import { articleRepository, type ArticleSummary } from './article.repository'
import type { ArticleListInput } from './article.schema'

/** An export is one workbook in memory: beyond this many rows users are asked to narrow the filter. */
export const EXPORT_MAX_ROWS = 50_000
const CHUNK = 1000

export type ArticleExportQuery = Omit<ArticleListInput, 'page' | 'pageSize'>

interface ExportRow extends ArticleSummary {
  columnName: string
  creatorName: string
}

/** Names the export shows beside each article: its primary column and who created it. */
export const articleExportRepository = {
  async labels(
    db: Executor,
    rows: ArticleSummary[],
  ): Promise<{ columns: Map<number, string>; users: Map<number, string> }> {
    const columns = new Map<number, string>()
    const users = new Map<number, string>()
    const ids = rows.map((r) => r.id)
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK)
      const found = await db
        .selectFrom('placement as p')
        .innerJoin('site_column as c', 'c.id', 'p.column_id')
        .select(['p.article_id', 'c.name'])
        .where('p.kind', '=', 'primary')
        .where('p.article_id', 'in', part)
        .execute()
      for (const f of found) columns.set(f.article_id, f.name)
    }
    const userIds = [...new Set(rows.map((r) => r.createdBy).filter((x): x is number => !!x))]
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const found = await db
        .selectFrom('app_user')
        .select(['id', 'display_name', 'username'])
        .where('id', 'in', userIds.slice(i, i + CHUNK))
        .execute()
      for (const u of found) users.set(u.id, u.display_name || u.username)
    }
    return { columns, users }
  },
}

/** The filtered article list (the admin list's filters and scope) as an .xlsx workbook. */
export async function exportArticles(
  db: Executor,
  ctx: RequestContext,
  query: ArticleExportQuery,
): Promise<{ bytes: Buffer; rows: number; total: number }> {
  const { rows, total } = await articleRepository.list(
    db,
    { ...query, siteIds: articleScope(ctx.actor) },
    { offset: 0, limit: EXPORT_MAX_ROWS },
  )
  const { columns, users } = await articleExportRepository.labels(db, rows)
  const data: ExportRow[] = rows.map((r) => ({
    ...r,
    columnName: columns.get(r.id) ?? '',
    creatorName: r.createdBy ? (users.get(r.createdBy) ?? '') : '',
  }))
  const bytes = await buildXlsx<ExportRow>(
    '信息列表',
    [
      { header: '编号', width: 10, value: (r) => r.id },
      { header: '标题', width: 60, value: (r) => r.title },
      { header: '状态', width: 10, value: (r) => ARTICLE_STATUS_LABELS[r.status] },
      { header: '主栏目', width: 20, value: (r) => r.columnName },
      { header: '作者', width: 14, value: (r) => r.author },
      { header: '来源', width: 20, value: (r) => r.source },
      { header: '创建人', width: 14, value: (r) => r.creatorName },
      { header: '发布时间', width: 18, value: (r) => formatDateTime(r.publishedAt) },
      { header: '更新时间', width: 18, value: (r) => formatDateTime(r.updatedAt) },
      { header: '浏览次数', width: 10, value: (r) => r.viewCount },
      { header: '文号', width: 20, value: (r) => r.disclosure?.docNo ?? '' },
      { header: '外链地址', width: 30, value: (r) => r.linkUrl },
    ],
    data,
  )
  return { bytes, rows: rows.length, total }
}
