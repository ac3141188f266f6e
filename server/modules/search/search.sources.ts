import { SERVICE_KIND_LABELS, type ServiceKind } from '../../../common/services'
import type { SearchType } from '../../../common/search'
import type { Executor } from '../../db/database'

/**
 * What the index holds of each source, and when a source is visible enough to be indexed:
 * published, on an open site, with a public page to link to. Only public text is read here —
 * a letter contributes its redacted published copy, never its writer or original text;
 * personal records are no source at all.
 */
export interface SourceDoc {
  key: string
  type: SearchType
  refId: number
  /** The site whose pages show it (the "this site" filter). */
  siteId: number
  /** The column whose page shows it. */
  columnId: number | null
  slug: string
  linkUrl: string
  title: string
  body: string
  publishedAt: string
}

export const docKey = (type: string, id: number): string => `${type}:${id}`

/** The visible special columns (services, letters, faq, dataset) and the sites' state. */
export interface SourceContext {
  openSites: Map<number, { parentId: number | null; kind: string }>
  defaultPortalId: number | null
  /** site id → type → visible columns of that type, in menu order. */
  columns: Map<number, Map<string, { id: number; settings: string }[]>>
}

export async function loadSourceContext(db: Executor): Promise<SourceContext> {
  const sites = await db
    .selectFrom('site')
    .select(['id', 'parent_id', 'kind', 'status', 'is_default'])
    .orderBy('id')
    .execute()
  const openSites = new Map(
    sites
      .filter((s) => s.status === 'open')
      .map((s) => [s.id, { parentId: s.parent_id, kind: s.kind }]),
  )
  const portal =
    sites.find((s) => s.is_default && s.kind === 'portal') ?? sites.find((s) => s.kind === 'portal')
  const rows = await db
    .selectFrom('site_column')
    .select(['id', 'site_id', 'type', 'settings'])
    .where('visible', '=', 1)
    .where('type', 'in', ['services', 'letters', 'faq', 'dataset'])
    .orderBy('sort')
    .orderBy('id')
    .execute()
  const columns: SourceContext['columns'] = new Map()
  for (const r of rows) {
    const byType = columns.get(r.site_id) ?? new Map<string, { id: number; settings: string }[]>()
    columns.set(r.site_id, byType)
    const list = byType.get(r.type) ?? []
    list.push({ id: r.id, settings: r.settings })
    byType.set(r.type, list)
  }
  return { openSites, defaultPortalId: portal?.id ?? null, columns }
}

function columnOf(ctx: SourceContext, siteId: number, type: string): number | null {
  if (!ctx.openSites.has(siteId)) return null
  return ctx.columns.get(siteId)?.get(type)?.[0]?.id ?? null
}

/** The unit's own column of that type, else its portal's (a portal lists every unit's items). */
function unitOrPortal(
  ctx: SourceContext,
  unitSiteId: number,
  type: string,
): { siteId: number; columnId: number } | null {
  const own = columnOf(ctx, unitSiteId, type)
  if (own != null) return { siteId: unitSiteId, columnId: own }
  const unit = ctx.openSites.get(unitSiteId)
  if (!unit) return null
  const portalId = unit.parentId ?? ctx.defaultPortalId
  if (portalId == null || portalId === unitSiteId) return null
  const portal = columnOf(ctx, portalId, type)
  return portal != null ? { siteId: portalId, columnId: portal } : null
}

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n')

async function articles(db: Executor, ctx: SourceContext, ids: number[]): Promise<SourceDoc[]> {
  const rows = await db
    .selectFrom('article as a')
    .innerJoin('placement as p', (j) =>
      j.onRef('p.article_id', '=', 'a.id').on('p.kind', '=', 'primary'),
    )
    .innerJoin('site_column as c', 'c.id', 'p.column_id')
    .select([
      'a.id',
      'a.site_id',
      'p.column_id',
      'a.title',
      'a.body_text',
      'a.doc_no',
      'a.link_url',
      'a.published_at',
    ])
    .where('a.id', 'in', ids)
    .where('a.status', '=', 'published')
    .where('c.visible', '=', 1)
    .execute()
  return rows
    .filter((r) => ctx.openSites.has(r.site_id) && r.published_at)
    .map((r) => ({
      key: docKey('article', r.id),
      type: 'article',
      refId: r.id,
      siteId: r.site_id,
      columnId: r.column_id,
      slug: '',
      linkUrl: r.link_url,
      title: r.title,
      // The document number (文号) is searchable even where the body does not repeat it.
      body: r.doc_no && !r.body_text.includes(r.doc_no) ? join(r.doc_no, r.body_text) : r.body_text,
      publishedAt: r.published_at ?? '',
    }))
}

async function services(db: Executor, ctx: SourceContext, ids: number[]): Promise<SourceDoc[]> {
  const rows = await db
    .selectFrom('service_item')
    .selectAll()
    .where('id', 'in', ids)
    .where('enabled', '=', 1)
    .execute()
  const docs: SourceDoc[] = []
  for (const r of rows) {
    const where = unitOrPortal(ctx, r.unit_site_id, 'services')
    if (!where) continue
    docs.push({
      key: docKey('service', r.id),
      type: 'service',
      refId: r.id,
      ...where,
      slug: r.code,
      linkUrl: '',
      title: r.name,
      body: join(
        SERVICE_KIND_LABELS[r.kind as ServiceKind] ?? '',
        r.conditions,
        r.basis,
        r.process,
        r.location,
        r.fee_standard,
        r.faq,
      ),
      publishedAt: r.updated_at,
    })
  }
  return docs
}

async function letters(db: Executor, ctx: SourceContext, ids: number[]): Promise<SourceDoc[]> {
  // Only the redacted copies the desk published: never the writer, never the original text.
  const rows = await db
    .selectFrom('letter')
    .select(['id', 'site_id', 'public_subject', 'public_body', 'public_reply', 'published_at'])
    .where('id', 'in', ids)
    .where('published', '=', 1)
    .execute()
  const docs: SourceDoc[] = []
  for (const r of rows) {
    const columnId = columnOf(ctx, r.site_id, 'letters')
    if (columnId == null || !r.published_at) continue
    docs.push({
      key: docKey('letter', r.id),
      type: 'letter',
      refId: r.id,
      siteId: r.site_id,
      columnId,
      slug: '',
      linkUrl: '',
      title: r.public_subject,
      body: join(r.public_body, r.public_reply),
      publishedAt: r.published_at,
    })
  }
  return docs
}

async function questions(db: Executor, ctx: SourceContext, ids: number[]): Promise<SourceDoc[]> {
  const rows = await db
    .selectFrom('question')
    .select(['id', 'unit_site_id', 'question', 'detail', 'answer', 'published_at', 'updated_at'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute()
  const docs: SourceDoc[] = []
  for (const r of rows) {
    const where = unitOrPortal(ctx, r.unit_site_id, 'faq')
    if (!where) continue
    docs.push({
      key: docKey('question', r.id),
      type: 'question',
      refId: r.id,
      ...where,
      slug: '',
      linkUrl: '',
      title: r.question,
      body: join(r.detail, r.answer),
      publishedAt: r.published_at ?? r.updated_at,
    })
  }
  return docs
}

async function datasets(db: Executor, ctx: SourceContext, ids: number[]): Promise<SourceDoc[]> {
  const rows = await db
    .selectFrom('dataset')
    .select(['id', 'site_id', 'code', 'name', 'description', 'fields', 'updated_at'])
    .where('id', 'in', ids)
    .where('is_public', '=', 1)
    .execute()
  const docs: SourceDoc[] = []
  for (const r of rows) {
    const siteId = r.site_id ?? ctx.defaultPortalId
    if (siteId == null || !ctx.openSites.has(siteId)) continue
    const candidates = ctx.columns.get(siteId)?.get('dataset') ?? []
    // A column pinned to this dataset, else one that lists every public dataset.
    const column =
      candidates.find((c) => pinnedCode(c.settings) === r.code) ??
      candidates.find((c) => pinnedCode(c.settings) === null)
    if (!column) continue
    let labels = ''
    try {
      labels = (JSON.parse(r.fields) as { label?: string }[]).map((f) => f.label ?? '').join(' ')
    } catch {
      labels = ''
    }
    docs.push({
      key: docKey('dataset', r.id),
      type: 'dataset',
      refId: r.id,
      siteId,
      columnId: column.id,
      slug: pinnedCode(column.settings) === r.code ? '' : r.code,
      linkUrl: '',
      title: r.name,
      body: join(r.description, labels),
      publishedAt: r.updated_at,
    })
  }
  return docs
}

function pinnedCode(settings: string): string | null {
  try {
    const s = JSON.parse(settings) as { datasetCode?: unknown }
    return typeof s.datasetCode === 'string' && s.datasetCode ? s.datasetCode : null
  } catch {
    return null
  }
}

const LOADERS: Record<
  SearchType,
  (db: Executor, ctx: SourceContext, ids: number[]) => Promise<SourceDoc[]>
> = {
  article: articles,
  service: services,
  letter: letters,
  question: questions,
  dataset: datasets,
}

/** The indexable documents among these sources; a missing id is one to remove from the index. */
export async function loadSources(
  db: Executor,
  ctx: SourceContext,
  type: SearchType,
  ids: number[],
): Promise<SourceDoc[]> {
  const out: SourceDoc[] = []
  for (let i = 0; i < ids.length; i += 500) {
    out.push(...(await LOADERS[type](db, ctx, ids.slice(i, i + 500))))
  }
  return out
}
