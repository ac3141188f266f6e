import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../core'
import { LIMITS } from '../../common/limits'
import { notFound } from '../errors'
import { articleRepository } from '../modules/articles/article.repository'
import { presentArticlePublic } from '../modules/articles/article.presenter'
import { captchaApiRoutes } from '../modules/captcha'
import { placementRepository, type ListedItem } from '../modules/articles/placement.repository'
import { resolveAggregate } from '../modules/cluster/aggregate'
import { aggregateRepository } from '../modules/cluster/aggregate.repository'
import { AGGREGATE_MAX_PAGES } from './aggregate.pages'
import type { Column } from '../modules/columns/column.repository'
import { presentColumnPublic } from '../modules/columns/column.presenter'
import { presentSitePublic } from '../modules/sites/site.presenter'
import { formatDate } from '../../common/time'
import type { SiteDirectory } from './site-directory'
import { letterPublicRoutes } from '../modules/letters/letters.public.routes'
import { letterStatisticsPublicRoutes } from '../modules/letters/letter.statistics.routes'
import { servicePublicRoutes } from '../modules/services'
import { datasetPublicRoutes } from '../modules/datasets/dataset.public.routes'
import { recordsPublicRoutes } from '../modules/records'
import { questionPublicRoutes } from '../modules/questions/question.public.routes'
import { searchPublicRoutes } from './search.api'
import { articleUrl, columnUrl } from './views'

const CodeParams = Type.Object({
  code: Type.String({ title: '站点代码', minLength: 1, maxLength: 64 }),
})
const ArticleListQuery = Type.Object({
  site: Type.String({ title: '站点代码', minLength: 1, maxLength: 64 }),
  column: Type.Optional(Type.Integer({ title: '栏目编号', minimum: 1 })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 }),
  ),
})

/** One item of the public article list. */
const listed = (i: ListedItem, url: string) => ({
  id: i.id,
  title: i.title,
  summary: i.summary,
  source: i.source,
  publishedAt: i.publishedAt,
  date: formatDate(i.publishedAt),
  columnId: i.columnId,
  url,
})

/** Public read API (`/api/v1`): open sites, visible columns and published articles only. */
export async function apiV1Routes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const db = core.deps.db
  await app.register(captchaApiRoutes, { core })
  await app.register(letterPublicRoutes, { core, directory })
  await app.register(letterStatisticsPublicRoutes, { core, directory })
  await app.register(servicePublicRoutes, { core, directory })
  await app.register(datasetPublicRoutes, { core, directory })
  await app.register(recordsPublicRoutes, { core })
  await app.register(questionPublicRoutes, { core, directory })
  await app.register(searchPublicRoutes, { core, directory })

  const openSite = async (code: string) => {
    const site = await directory.siteByCode(code)
    if (!site || site.status !== 'open') throw notFound('站点不存在')
    return site
  }

  r.get('/sites', { schema: { tags: ['公开接口'], summary: '站群中的全部站点' } }, async (req) => {
    const snap = await directory.snapshotNow()
    return {
      data: snap.sites
        .filter((s) => s.status === 'open')
        .map((s) =>
          presentSitePublic(
            s,
            directory.siteUrlIn(snap, s, req.host),
            s.parentId === null ? null : (snap.byId.get(s.parentId)?.code ?? null),
          ),
        ),
    }
  })

  r.get(
    '/sites/:code',
    { schema: { tags: ['公开接口'], summary: '站点信息', params: CodeParams } },
    async (req) => {
      const site = await openSite(req.params.code)
      const parent = await directory.parentOf(site)
      return {
        data: {
          ...presentSitePublic(site, await directory.siteUrl(site, req.host), parent?.code ?? null),
          visits: await core.statistics.visitsOf('site', site.id),
        },
      }
    },
  )

  r.get(
    '/sites/:code/columns',
    { schema: { tags: ['公开接口'], summary: '站点的栏目', params: CodeParams } },
    async (req) => {
      const site = await openSite(req.params.code)
      const prefix = await directory.siteUrl(site, req.host)
      const columns = (await directory.columns(site.id)).filter((c) => c.visible)
      return { data: columns.map((c) => presentColumnPublic(c, columnUrl(prefix, c))) }
    },
  )

  r.get(
    '/articles',
    { schema: { tags: ['公开接口'], summary: '已发布信息列表', querystring: ArticleListQuery } },
    async (req) => {
      const site = await openSite(req.query.site)
      const prefix = await directory.siteUrl(site, req.host)
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const columns = await directory.columns(site.id)
      let ids: number[]
      if (req.query.column) {
        const column = columns.find((c) => c.id === req.query.column && c.visible)
        if (!column) throw notFound('栏目不存在')
        if (column.type === 'aggregate') {
          // Items of an aggregate column stand in other columns (often other sites) and link there.
          const snap = await directory.snapshotNow()
          const { leaves } = resolveAggregate(snap, column)
          const [items, total] = await Promise.all([
            aggregateRepository.latest(db, leaves, {
              offset: (page - 1) * pageSize,
              limit: pageSize,
            }),
            aggregateRepository.count(db, leaves, AGGREGATE_MAX_PAGES * pageSize),
          ])
          return {
            data: items.map((i) => {
              const c = snap.columnById.get(i.columnId)
              const s = snap.byId.get(i.siteId)
              const at = s ? directory.siteUrlIn(snap, s, req.host) : prefix
              return listed(i, i.linkUrl || articleUrl(at, c?.path ?? '', i.id))
            }),
            total,
            page,
            pageSize,
          }
        }
        ids = [column.id]
      } else {
        ids = columns.filter((c) => c.visible).map((c) => c.id)
      }
      const [items, total] = await Promise.all([
        placementRepository.listPublishedInColumns(db, ids, {
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        placementRepository.countPublishedInColumns(db, ids),
      ])
      const byId = new Map(columns.map((c) => [c.id, c]))
      return {
        data: items.map((i) =>
          listed(i, i.linkUrl || articleUrl(prefix, byId.get(i.columnId)?.path ?? '', i.id)),
        ),
        total,
        page,
        pageSize,
      }
    },
  )

  r.get(
    '/articles/:id',
    {
      schema: {
        tags: ['公开接口'],
        summary: '已发布信息详情',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req) => {
      const article = await articleRepository.get(db, req.params.id)
      if (!article || article.status !== 'published') throw notFound('信息不存在')
      const site = await directory.site(article.siteId)
      if (!site || site.status !== 'open') throw notFound('信息不存在')
      const [placements, files] = await Promise.all([
        placementRepository.listForArticle(db, article.id),
        articleRepository.filesOf(db, article.id),
      ])
      // Only placements in visible columns are public; hidden columns answer 404 on the site too.
      const primary = placements.find((p) => p.kind === 'primary')
      const shown = (await Promise.all(placements.map((p) => directory.column(p.columnId)))).filter(
        (c): c is Column => c?.visible === true,
      )
      const column = shown.find((c) => c.id === primary?.columnId) ?? shown[0]
      if (!column) throw notFound('信息不存在')
      const columnSite = (await directory.site(column.siteId)) ?? site
      const url =
        article.linkUrl ||
        articleUrl(await directory.siteUrl(columnSite, req.host), column.path, article.id)
      const views = article.viewCount + core.visits.pending('article', article.id)
      return {
        data: {
          ...presentArticlePublic({ ...article, placements, files }, url, views),
          siteCode: site.code,
        },
      }
    },
  )
}
