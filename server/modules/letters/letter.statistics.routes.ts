import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid, notFound } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import type { SiteDirectory } from '../../public/site-directory'
import { buildXlsx, sendXlsx, type XlsxColumn } from '../../plugins/xlsx'
import { STATS_GROUP_LABELS, type StatsRow } from './letter.statistics'
import {
  PublicStatsQuery,
  PublicStatsResponse,
  StatsQuerySchema,
  StatsResponse,
} from './letter.statistics.schema'
import { mailboxRepository } from './mailbox.repository'

const percent = (r: number | null) => (r === null ? '' : `${(r * 100).toFixed(1)}%`)

/** The spreadsheet's columns after the group's own. */
const FIGURES: XlsxColumn<StatsRow>[] = [
  { header: '来信数', width: 10, value: (x) => x.received },
  { header: '受理数', width: 10, value: (x) => x.accepted },
  { header: '答复数', width: 10, value: (x) => x.answered },
  { header: '按时答复数', width: 12, value: (x) => x.onTime },
  { header: '按时答复率', width: 12, value: (x) => percent(x.onTimeRate) },
  { header: '平均答复用时（工作日）', width: 22, value: (x) => x.avgDays },
  { header: '90%答复用时（工作日）', width: 22, value: (x) => x.p90Days },
  { header: '参评数', width: 10, value: (x) => x.rated },
  { header: '满意', width: 8, value: (x) => x.satisfied },
  { header: '基本满意', width: 10, value: (x) => x.basically },
  { header: '不满意', width: 8, value: (x) => x.unsatisfied },
  { header: '满意率', width: 10, value: (x) => percent(x.satisfactionRate) },
  { header: '重办数', width: 10, value: (x) => x.reopened },
  { header: '重办率', width: 10, value: (x) => percent(x.reopenRate) },
]

/**
 * 来信统计 (`/api/admin/letters/statistics[.xlsx]`). Static paths: find-my-way matches them
 * before any `/letters/:id`, whichever plugin registers first (a test pins this).
 */
export async function letterStatisticsAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['来信办理']
  r.get(
    '/letters/statistics',
    {
      schema: {
        tags,
        summary: '来信统计（按承办单位、站点、信箱、类型或月份）',
        querystring: StatsQuerySchema,
        response: { 200: StatsResponse },
      },
    },
    async (req) => ({ data: await core.letterStats.statistics(ctxOf(req), req.query) }),
  )
  r.get(
    '/letters/statistics.xlsx',
    {
      schema: { tags, summary: '导出来信统计（xlsx）', querystring: StatsQuerySchema },
    },
    async (req, reply) => {
      const { rows, total } = await core.letterStats.statistics(ctxOf(req), req.query)
      const label = STATS_GROUP_LABELS[req.query.groupBy]
      const bytes = await buildXlsx<StatsRow>(
        `来信统计（按${label}）`,
        [{ header: label, width: 28, value: (x) => x.label }, ...FIGURES],
        [...rows, total],
      )
      return sendXlsx(reply, `来信统计（按${label}）.xlsx`, bytes)
    },
  )
}

/**
 * `GET /api/v1/letters/statistics?site=&mailbox=` (inside `/api/v1`): the figures of the public
 * 信箱统计 page as JSON — counts and rates only. Open sites only.
 */
export async function letterStatisticsPublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(
    '/letters/statistics',
    {
      schema: {
        tags: ['公开接口'],
        summary:
          '信箱统计：来信、受理、答复数，按时答复率，平均答复用时，满意率（近 12 个月与累计）',
        querystring: PublicStatsQuery,
        response: { 200: PublicStatsResponse },
      },
    },
    async (req) => {
      const { site: siteCode, mailbox: mailboxCode } = req.query
      if (!siteCode && !mailboxCode) {
        throw invalid('请指定站点代码（site）或信箱代码（mailbox）', { site: '请指定站点代码' })
      }
      const box = mailboxCode
        ? await mailboxRepository.getByCode(core.deps.db, mailboxCode)
        : undefined
      if (mailboxCode && !box) throw notFound('信箱不存在')
      const snap = await directory.snapshotNow()
      const site = siteCode
        ? snap.sites.find((s) => s.code === siteCode)
        : snap.byId.get(box?.siteId ?? 0)
      if (!site || site.status !== 'open') throw notFound('站点不存在')
      if (box && box.siteId !== site.id) throw notFound('该站点没有这个信箱')
      const summary = await core.letterStats.publicSummary({ siteId: site.id, mailboxId: box?.id })
      return {
        data: {
          site: { code: site.code, name: site.name },
          period: summary.period,
          total: summary.total,
          mailboxes: summary.mailboxes.map(({ code, name, recent, allTime }) => ({
            code,
            name,
            recent,
            allTime,
          })),
        },
      }
    },
  )
}
