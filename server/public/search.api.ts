import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { SEARCH_TYPE_LABELS, SEARCH_TYPES } from '../../common/search'
import type { Core } from '../core'
import { AppError, invalid } from '../errors'
import type { Site } from '../modules/sites/site.repository'
import { columnWithDescendants, SEARCH_MAX_PAGE, validDay } from './search.pages'
import { searchHitUrl } from './search-urls'
import type { DirectorySnapshot, SiteDirectory } from './site-directory'

/**
 * Public search API (`/api/v1/search`, `/api/v1/search/suggest`). URLs are those the search page
 * links to, as seen from the request's host (a path on the same host, else the site's own host),
 * like the other v1 endpoints. `pageSize` above 50 and `page` above 500 are refused (400), not
 * clamped: a client asking for more than it gets would miss results silently.
 */

const MAX_API_PAGE_SIZE = 50
const SUGGEST_LIMIT = 8

const TypeLabels = SEARCH_TYPES.map((t) => `${t}（${SEARCH_TYPE_LABELS[t]}）`).join('、')

export const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ title: '搜索词', maxLength: 1000 })),
  site: Type.Optional(
    Type.String({ title: '站点代码（不填为全站群）', minLength: 1, maxLength: 64 }),
  ),
  type: Type.Optional(Type.Enum(SEARCH_TYPES, { title: `内容类型：${TypeLabels}` })),
  column: Type.Optional(Type.Integer({ title: '栏目编号（须属于 site 指定的站点）', minimum: 1 })),
  from: Type.Optional(Type.String({ title: '起始日期 YYYY-MM-DD', maxLength: 10 })),
  to: Type.Optional(Type.String({ title: '截止日期 YYYY-MM-DD', maxLength: 10 })),
  sort: Type.Optional(
    Type.Enum(['relevance', 'date'], { title: '排序：relevance 相关度（默认）、date 时间' }),
  ),
  page: Type.Optional(
    Type.Integer({ title: '页码', minimum: 1, maximum: SEARCH_MAX_PAGE, default: 1 }),
  ),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: MAX_API_PAGE_SIZE, default: 10 }),
  ),
})

const SearchItem = Type.Object({
  type: Type.Enum(SEARCH_TYPES),
  id: Type.Integer({ description: '来源记录的编号（信息、事项、问答、来信或数据库的编号）' }),
  title: Type.String(),
  url: Type.String(),
  snippet: Type.String({ description: '正文摘要（纯文本）' }),
  siteCode: Type.String(),
  publishedAt: Type.String(),
})

export const SearchResponse = Type.Object({
  data: Type.Array(SearchItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  notice: Type.Union([Type.String(), Type.Null()], {
    description: '搜索词为空、无法搜索或被截短时的说明',
  }),
})

export const SuggestQuery = Type.Object({
  q: Type.Optional(Type.String({ title: '已输入的文字' })),
  site: Type.Optional(Type.String({ title: '站点代码（不填为全站群）' })),
})

export const SuggestResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      title: Type.String(),
      url: Type.String(),
      type: Type.Enum(SEARCH_TYPES),
    }),
  ),
})

const unknownSite = () => new AppError(400, 'unknown_site', '站点不存在或未开放')

export async function searchPublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['公开接口']

  const prefixes = (snap: DirectorySnapshot, host: string) => {
    const memo = new Map<number, string>()
    return (siteId: number): string => {
      let p = memo.get(siteId)
      if (p === undefined) {
        const s = snap.byId.get(siteId)
        p = s ? directory.siteUrlIn(snap, s, host) : ''
        memo.set(siteId, p)
      }
      return p
    }
  }

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: '全站群搜索（site 为空时搜索全站群；每页最多 50 条，最多 500 页）',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
    },
    async (req) => {
      const snap = await directory.snapshotNow()
      const query = req.query
      let site: Site | undefined
      if (query.site !== undefined) {
        site = snap.byCode.get(query.site)
        if (!site || site.status !== 'open') throw unknownSite()
      }
      let columnIds: number[] | undefined
      if (query.column !== undefined) {
        const column = snap.columnById.get(query.column)
        if (!site || !column || !column.visible || column.siteId !== site.id)
          throw invalid('栏目不存在或不属于所选站点', { column: '栏目不存在或不属于所选站点' })
        columnIds = columnWithDescendants(snap.columnsOf.get(site.id) ?? [], column)
      }
      const days: { from?: string; to?: string } = {}
      for (const key of ['from', 'to'] as const) {
        const raw = query[key]
        if (raw === undefined || raw === '') continue
        const day = validDay(raw)
        if (!day) throw invalid('日期格式应为 YYYY-MM-DD', { [key]: '日期格式应为 YYYY-MM-DD' })
        days[key] = day
      }
      const result = await core.search.search({
        q: query.q ?? '',
        siteIds: site ? [site.id] : undefined,
        types: query.type ? [query.type] : undefined,
        columnIds,
        from: days.from,
        to: days.to,
        sort: query.sort ?? 'relevance',
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 10,
        ...(site ? { statsSiteId: site.id } : {}),
      })
      const prefixOf = prefixes(snap, req.host)
      return {
        data: result.hits.flatMap((h) => {
          const url = searchHitUrl(snap, prefixOf, h)
          if (!url) return []
          return [
            {
              type: h.type,
              id: h.refId,
              title: h.title,
              url,
              snippet: h.snippet,
              siteCode: snap.byId.get(h.siteId)?.code ?? '',
              publishedAt: h.publishedAt,
            },
          ]
        }),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
        notice: result.notice,
      }
    },
  )

  r.get(
    '/search/suggest',
    {
      schema: {
        tags,
        summary: '搜索建议（标题中含有已输入文字的最新内容，最多 8 条；任何输入都返回列表）',
        querystring: SuggestQuery,
        response: { 200: SuggestResponse },
      },
    },
    async (req) => {
      const q = (req.query.q ?? '').slice(0, 100)
      const snap = await directory.snapshotNow()
      let siteIds: number[] | undefined
      if (req.query.site) {
        const site = snap.byCode.get(req.query.site)
        if (!site || site.status !== 'open') return { data: [] }
        siteIds = [site.id]
      }
      if (!q.trim()) return { data: [] }
      const hits = await core.search.suggest(q, siteIds, SUGGEST_LIMIT)
      const prefixOf = prefixes(snap, req.host)
      return {
        data: hits.flatMap((h) => {
          const url = searchHitUrl(snap, prefixOf, h)
          return url ? [{ title: h.title, url, type: h.type }] : []
        }),
      }
    },
  )
}
