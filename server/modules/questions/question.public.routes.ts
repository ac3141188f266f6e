import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { notFound } from '../../errors'
import type { SiteDirectory } from '../../public/site-directory'
import {
  entryPath,
  portalFaqColumn,
  publishedEntry,
  publishedList,
  unitsShownOn,
  type PublicEntry,
} from './question.public'
import { PublicDetailResponse, PublicListQuery, PublicListResponse } from './question.schema'

const tags = ['公开接口']

/** Public 热点解答 (`/api/v1/questions`): published entries only, never who wrote or converted them. */
export async function questionPublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const db = core.deps.db

  /** Entry pages live on the portal's 热点解答 column, as seen from the request's host. */
  const urlOf = async (host: string) => {
    const home = await portalFaqColumn(db)
    const portal = home ? await directory.site(home.siteId) : undefined
    if (!home || !portal) return () => ''
    const prefix = await directory.siteUrl(portal, host)
    return (id: number) => entryPath(prefix, home.columnPath, id)
  }
  const item = (q: PublicEntry, url: (id: number) => string) => ({
    id: q.id,
    question: q.question,
    unitName: q.unitName,
    unitSiteCode: q.unitCode,
    topics: q.topics,
    isHot: q.isHot,
    publishedAt: q.publishedAt,
    url: url(q.id),
  })

  r.get(
    '/questions',
    {
      schema: {
        tags,
        summary: '热点解答列表（site：门户为全部单位，其他站点为本单位）',
        querystring: PublicListQuery,
        response: { 200: PublicListResponse },
      },
    },
    async (req) => {
      let units: 'all' | number[] = 'all'
      if (req.query.site) {
        const site = await directory.siteByCode(req.query.site)
        if (!site || site.status !== 'open') throw notFound('站点不存在')
        units = unitsShownOn(site)
      }
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const { items, total } = await publishedList(db, {
        units,
        topic: req.query.topic?.trim() || undefined,
        q: req.query.q?.trim() || undefined,
        page,
        pageSize,
      })
      const url = await urlOf(req.host)
      return { data: items.map((q) => item(q, url)), total, page, pageSize }
    },
  )

  r.get(
    '/questions/:id',
    {
      schema: {
        tags,
        summary: '热点解答详情（含相关办事事项与相关政策）',
        params: Type.Object({ id: Type.Integer({ title: '编号', minimum: 1 }) }),
        response: { 200: PublicDetailResponse },
      },
    },
    async (req) => {
      const q = await publishedEntry(db, req.params.id)
      if (!q) throw notFound('热点解答不存在')
      const url = await urlOf(req.host)
      const policies = []
      for (const p of q.policies) {
        const link = await policyUrl(directory, p, req.host)
        // A policy no visible column shows is not public: leave it out.
        if (link) policies.push({ id: p.id, title: p.title, url: link })
      }
      return {
        data: {
          ...item(q, url),
          detail: q.detail,
          answer: q.answer,
          updatedAt: q.updatedAt,
          services: q.services,
          policies,
        },
      }
    },
  )
}

/** A policy's page: its external link, or its page in the first visible column it stands in. */
export async function policyUrl(
  directory: SiteDirectory,
  p: { id: number; linkUrl: string; columnIds: number[] },
  host: string,
): Promise<string> {
  if (p.linkUrl) return p.linkUrl
  for (const columnId of p.columnIds) {
    const column = await directory.column(columnId)
    if (!column?.visible) continue
    const site = await directory.site(column.siteId)
    if (!site || site.status !== 'open') continue
    return `${await directory.siteUrl(site, host)}${column.path}/content_${p.id}.html`
  }
  return ''
}
