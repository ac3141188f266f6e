import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid, notFound } from '../../errors'
import type { SiteDirectory } from '../../public/site-directory'
import { presentDatasetPublic, presentRowPublic } from './dataset.presenter'
import {
  PublicCodeParams,
  PublicDatasetListQuery,
  PublicDatasetListResponse,
  PublicRowsResponse,
  RowListQuery,
} from './dataset.schema'

/** 便民数据库 public API (`/api/v1`): public datasets and their rows, shown fields only. */
export async function datasetPublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['公开接口']
  r.get(
    '/datasets',
    {
      schema: {
        tags,
        summary: '便民数据库列表（可按站点：该站点的和全站群共用的）',
        querystring: PublicDatasetListQuery,
        response: { 200: PublicDatasetListResponse },
      },
    },
    async (req) => {
      let siteId: number | undefined
      if (req.query.site) {
        const site = await directory.siteByCode(req.query.site)
        if (!site || site.status !== 'open') throw notFound('站点不存在')
        siteId = site.id
      }
      const list = await core.datasetPublic.list({ siteId })
      return { data: list.map((d) => presentDatasetPublic(d, d.siteCode)) }
    },
  )
  r.get(
    '/datasets/:code/rows',
    {
      schema: {
        tags,
        summary: '便民数据库查询：关键词 q、按可筛选字段过滤、分页',
        params: PublicCodeParams,
        querystring: RowListQuery,
        response: { 200: PublicRowsResponse },
      },
    },
    async (req) => {
      const ds = await core.datasetPublic.byCode(req.params.code)
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 20
      const { rows, total, parsed } = await core.datasetPublic.rows(ds, req.query, page, pageSize)
      if (parsed.errors.length > 0) throw invalid(parsed.errors.join('；'))
      return { data: rows.map((row) => presentRowPublic(ds, row)), total, page, pageSize }
    },
  )
}
