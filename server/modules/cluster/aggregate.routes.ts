import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { SITE_KINDS } from '../../../common/enums'
import type { Core } from '../../core'
import { forbidden, invalid, notFound } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import type { SiteDirectory } from '../../public/site-directory'
import { articleUrl } from '../../public/views'
import type { Column } from '../columns/column.repository'
import { roleOn } from '../users/actor'
import {
  assertRule,
  loadWorld,
  normalizeRule,
  resolveAggregate,
  sourcesOf,
  withColumn,
} from './aggregate'
import { aggregateRepository } from './aggregate.repository'

const RuleSchema = Type.Object(
  {
    siteKinds: Type.Optional(Type.Array(Type.Enum(SITE_KINDS), { maxItems: 10 })),
    groupings: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 200 })),
    siteIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })),
    columnSlugs: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200 })),
    columnIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })),
    includeChildren: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
    withinDays: Type.Optional(Type.Integer()),
    since: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { title: '聚合规则' },
)

const PreviewBody = Type.Object({
  siteId: Type.Integer({ title: '站点编号', minimum: 1 }),
  columnId: Type.Optional(Type.Integer({ title: '正在编辑的栏目', minimum: 1 })),
  rule: RuleSchema,
})

const PreviewResponse = Type.Object({
  data: Type.Object({
    sources: Type.Array(
      Type.Object({
        siteId: Type.Integer(),
        siteName: Type.String(),
        columnId: Type.Union([Type.Integer(), Type.Null()]),
        columnName: Type.String(),
      }),
    ),
    items: Type.Array(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        siteName: Type.String(),
        columnName: Type.String(),
        publishedAt: Type.String(),
        url: Type.String(),
      }),
    ),
  }),
})

const PREVIEW_ITEMS = 10

/** `POST /columns/aggregate/preview`: what a rule would list, for the aggregate column editor. */
export async function aggregateAdminRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post(
    '/columns/aggregate/preview',
    {
      schema: {
        tags: ['栏目'],
        summary: '预览聚合栏目规则：来源栏目与最新 10 条信息（校验规则与循环引用）',
        body: PreviewBody,
        response: { 200: PreviewResponse },
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      const db = core.deps.db
      const world = await loadWorld(db)
      const site = world.byId.get(req.body.siteId)
      if (!site) throw notFound('站点不存在')
      if (roleOn(ctx.actor, site.id) === null) throw forbidden()
      const rule = normalizeRule(req.body.rule)
      const existing =
        req.body.columnId === undefined ? undefined : world.columnById.get(req.body.columnId)
      if (req.body.columnId !== undefined && existing?.siteId !== site.id) {
        throw invalid('栏目不属于该站点', { columnId: '栏目不存在或不属于该站点' })
      }
      const now = new Date().toISOString()
      const base: Column = existing ?? {
        id: -1,
        siteId: site.id,
        parentId: null,
        slug: '',
        path: '',
        name: '新栏目',
        type: 'aggregate',
        updateClass: 'asNeeded',
        sort: 0,
        visible: true,
        homeBlock: false,
        description: '',
        keywords: '',
        linkUrl: '',
        settings: {},
        createdAt: now,
        updatedAt: now,
      }
      const candidate: Column = {
        ...base,
        type: 'aggregate',
        settings: { ...base.settings, aggregate: rule },
      }
      assertRule(world, candidate, rule)
      const resolvedIn = withColumn(world, candidate)
      const { leaves } = resolveAggregate(resolvedIn, candidate, rule)
      const items = await aggregateRepository.latest(db, leaves, {
        offset: 0,
        limit: PREVIEW_ITEMS,
      })
      const snap = await directory.get()
      const prefixOf = (siteId: number) => {
        const s = snap.byId.get(siteId)
        return s ? directory.siteUrlIn(snap, s, req.hostname) : '/'
      }
      return {
        data: {
          sources: sourcesOf(resolvedIn, leaves),
          items: items.map((i) => {
            const column = resolvedIn.columnById.get(i.columnId)
            const s = resolvedIn.byId.get(i.siteId)
            return {
              id: i.id,
              title: i.title,
              siteName: s?.shortName || s?.name || '',
              columnName: column?.name ?? '',
              publishedAt: i.publishedAt,
              url:
                i.linkUrl ||
                articleUrl(prefixOf(column?.siteId ?? i.siteId), column?.path ?? '', i.id),
            }
          }),
        },
      }
    },
  )
}
