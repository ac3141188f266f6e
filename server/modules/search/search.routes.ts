import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import type { SearchQueryStat } from '../../../common/search'
import { siteRepository } from '../sites/site.repository'
import { indexStatus, isZeroOnly, queryStats, requestReindex } from './search.admin'
import {
  IndexStatusResponse,
  QueryStatsFilter,
  QueryStatsQuery,
  QueryStatsResponse,
  ReindexResponse,
} from './search.admin.schema'

/** 搜索统计 and the index's administration (`/api/admin/search/*`). */
export async function searchAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['站内搜索']
  r.get(
    '/search/queries',
    {
      schema: {
        tags,
        summary: '搜索统计：热门搜索词或无结果搜索词（默认近 30 天；不指定站点为全部站点）',
        querystring: QueryStatsQuery,
        response: { 200: QueryStatsResponse },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query
      const { rows, from, to } = await queryStats(core, ctxOf(req), req.query)
      const start = (page - 1) * pageSize
      return { data: rows.slice(start, start + pageSize), total: rows.length, from, to }
    },
  )
  r.get(
    '/search/queries.xlsx',
    {
      schema: {
        tags,
        summary: '导出搜索统计（xlsx，筛选同列表，最多 1000 个搜索词）',
        querystring: QueryStatsFilter,
      },
    },
    async (req, reply) => {
      const { rows, siteId, from, to } = await queryStats(core, ctxOf(req), req.query)
      const site = siteId === null ? null : await siteRepository.get(core.deps.db, siteId)
      const title = isZeroOnly(req.query) ? '无结果搜索词' : '热门搜索词'
      const bytes = await buildXlsx<SearchQueryStat>(
        title,
        [
          { header: '搜索词', width: 40, value: (x) => x.query },
          { header: '搜索次数', width: 12, value: (x) => x.searches },
          { header: '无结果次数', width: 12, value: (x) => x.zeroHits },
        ],
        rows,
      )
      return sendXlsx(reply, `${title}_${site?.code ?? '全部站点'}_${from}_${to}.xlsx`, bytes)
    },
  )
  r.get(
    '/search/status',
    {
      schema: {
        tags,
        summary: '索引状态：引擎、各类型文档数、待索引队列、索引大小（平台管理员）',
        response: { 200: IndexStatusResponse },
      },
    },
    async (req) => ({ data: await indexStatus(core, ctxOf(req)) }),
  )
  r.post(
    '/search/reindex',
    {
      schema: {
        tags,
        summary:
          '重建搜索索引：全部内容排队重新索引，服务器在后台完成，期间搜索照常可用（平台管理员）',
        response: { 202: ReindexResponse },
      },
    },
    async (req, reply) => reply.status(202).send({ data: await requestReindex(core, ctxOf(req)) }),
  )
}
