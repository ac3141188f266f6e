import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { SERVICE_AUDIENCES, SERVICE_ELEMENTS } from '../../../common/services'
import type { Core } from '../../core'
import { notFound } from '../../errors'
import { serviceItemUrl } from '../../public/services-common.pages'
import type { SiteDirectory } from '../../public/site-directory'
import { presentDetail, presentSummaries } from './service.presenter'
import { serviceRepository } from './service.repository'
import { questionsForService } from '../questions'
import { ServiceDetailSchema } from './service.schema'

const tags = ['公开接口']

const ListQuery = Type.Object({
  site: Type.Optional(
    Type.String({ title: '站点代码（门户为全部单位，频道为本单位）', maxLength: 64 }),
  ),
  audience: Type.Optional(
    Type.Enum(SERVICE_AUDIENCES, { title: '服务对象：person 个人、legal 法人' }),
  ),
  theme: Type.Optional(
    Type.String({ title: '主题代码（如 p01 生育收养、l01 设立变更）', maxLength: 16 }),
  ),
  q: Type.Optional(Type.String({ title: '关键词（事项名称或编码）', maxLength: 100 })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: 100, default: 20 }),
  ),
})

const ItemSchema = Type.Object({
  code: Type.String({ title: '事项编码' }),
  name: Type.String({ title: '事项名称' }),
  unitName: Type.String({ title: '实施主体' }),
  audience: Type.Enum(SERVICE_AUDIENCES, { title: '服务对象' }),
  url: Type.String({ title: '办事指南页面' }),
  missingElements: Type.Array(Type.Enum(SERVICE_ELEMENTS), { title: '缺少的八要素' }),
})

const {
  id: _id,
  unitSiteId: _u,
  enabled: _e,
  sort: _s,
  updatedAt: _t,
  ...detailProps
} = ServiceDetailSchema.properties
const DetailSchema = Type.Object({
  ...detailProps,
  url: Type.String({ title: '办事指南页面' }),
  relatedQuestions: Type.Array(Type.Object({ question: Type.String(), url: Type.String() }), {
    title: '相关问答',
  }),
})

/** Public service catalogue API: `GET /api/v1/services` and `GET /api/v1/services/:code`. */
export async function servicePublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const db = core.deps.db

  r.get(
    '/services',
    {
      schema: {
        tags,
        summary: '办事事项（门户为全部，频道为本单位；可按服务对象、主题、关键词筛选）',
        querystring: ListQuery,
        response: {
          200: Type.Object({ data: Type.Array(ItemSchema), total: Type.Integer() }),
        },
      },
    },
    async (req) => {
      const snap = await directory.snapshotNow()
      let unitSiteIds: number[] | undefined
      if (req.query.site) {
        const site = snap.byCode.get(req.query.site)
        if (!site || site.status !== 'open') throw notFound('站点不存在')
        if (site.kind !== 'portal') unitSiteIds = [site.id]
      }
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const { items, total } = await serviceRepository.list(
        db,
        {
          unitSiteIds,
          audience: req.query.audience,
          theme: req.query.theme,
          q: req.query.q?.trim() || undefined,
          enabledOnly: true,
        },
        { offset: (page - 1) * pageSize, limit: pageSize },
      )
      const summaries = await presentSummaries(db, items)
      return {
        data: summaries.map((s) => ({
          code: s.code,
          name: s.name,
          unitName: s.unitName,
          audience: s.audience as (typeof SERVICE_AUDIENCES)[number],
          url: serviceItemUrl(snap, directory, req.host, s),
          missingElements: s.missingElements as (typeof SERVICE_ELEMENTS)[number][],
        })),
        total,
      }
    },
  )

  r.get(
    '/services/:code',
    {
      schema: {
        tags,
        summary: '办事指南（全部要素、材料及表格下载）',
        params: Type.Object({
          code: Type.String({ title: '事项编码', minLength: 1, maxLength: 64 }),
        }),
        response: { 200: Type.Object({ data: DetailSchema }) },
      },
    },
    async (req) => {
      const item = await serviceRepository.getByCode(db, req.params.code)
      if (!item || !item.enabled) throw notFound('办事事项不存在')
      const snap = await directory.snapshotNow()
      const detail = await presentDetail(db, item)
      return {
        data: {
          ...detail,
          url: serviceItemUrl(snap, directory, req.host, item),
          relatedQuestions: await questionsForService(db, item.code),
        },
      }
    },
  )
}
