import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { SUBMISSION_STATUS_LABELS, type Submission } from '../../../common/cluster'
import { formatDate, formatDateTime } from '../../../common/time'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { buildXlsx, sendXlsx } from '../../plugins/xlsx'
import {
  AdoptResponse,
  AdoptSchema,
  ScoringResponse,
  StatisticsResponse,
  SubmissionDetailResponse,
  SubmissionPageResponse,
  SubmissionResponse,
  SubmissionsResponse,
  ReasonSchema,
  ResubmitSchema,
  ScoringSchema,
  StatisticsQuery,
  SubmissionFilterQuery,
  SubmissionIdParams,
  SubmissionListQuery,
  SubmitSchema,
} from './submission.schema'
import { buildStatisticsXlsx } from './submission.statistics'

const EXPORT_MAX = 10_000

/**
 * 信息报送 (`/api/admin/submissions…`). The static paths (`.xlsx`, `statistics`, `scoring`)
 * are matched before `/submissions/:id` by the router whatever the order.
 */
export async function submissionAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['信息报送']
  const svc = core.submissions

  r.post(
    '/submissions',
    {
      schema: {
        tags,
        summary: '报送信息到其他站点的栏目（每个栏目一条报送）',
        body: SubmitSchema,
        response: { 201: SubmissionsResponse },
      },
    },
    async (req, reply) => {
      const data = await svc.submit(ctxOf(req), req.body)
      return reply.status(201).send({ data })
    },
  )
  r.get(
    '/submissions',
    {
      schema: {
        tags,
        summary: '报送列表：outbox 本单位报送的，inbox 报送给本站的（新的在前）',
        querystring: SubmissionListQuery,
        response: { 200: SubmissionPageResponse },
      },
    },
    async (req) => {
      const res = await svc.list(ctxOf(req), req.query)
      return { data: res.rows, total: res.total, page: res.page, pageSize: res.pageSize }
    },
  )
  r.get(
    '/submissions.xlsx',
    {
      schema: {
        tags,
        summary: '导出报送列表（xlsx，最多 1 万条）',
        querystring: SubmissionFilterQuery,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req)
      const { rows } = await svc.list(ctx, { ...req.query, page: 1, pageSize: EXPORT_MAX })
      const bytes = await buildXlsx<Submission>(
        req.query.box === 'inbox' ? '收到的报送' : '报送信息',
        [
          { header: '标题', width: 48, value: (x) => x.title },
          { header: '报送单位', width: 24, value: (x) => x.sourceSiteName },
          { header: '接收站点', width: 24, value: (x) => x.targetSiteName },
          { header: '接收栏目', width: 16, value: (x) => x.targetColumnName },
          { header: '状态', width: 10, value: (x) => SUBMISSION_STATUS_LABELS[x.status] },
          { header: '首页采用', width: 10, value: (x) => (x.adoptedHome ? '是' : '') },
          { header: '报送次数', width: 10, value: (x) => x.rounds },
          { header: '报送人', width: 12, value: (x) => x.submittedByName },
          { header: '报送时间', width: 18, value: (x) => formatDateTime(x.submittedAt) },
          { header: '处理人', width: 12, value: (x) => x.decidedByName },
          { header: '处理时间', width: 18, value: (x) => formatDateTime(x.decidedAt) },
          { header: '报送说明', width: 30, value: (x) => x.note },
          { header: '处理意见', width: 30, value: (x) => x.reason },
        ],
        rows,
      )
      return sendXlsx(reply, `信息报送-${formatDate(new Date())}.xlsx`, bytes)
    },
  )
  r.get(
    '/submissions/statistics',
    {
      schema: {
        tags,
        summary: '信息报送考核统计：各单位报送数、采用数、采用率、首页采用数、得分与排名',
        querystring: StatisticsQuery,
        response: { 200: StatisticsResponse },
      },
    },
    async (req) => {
      const s = await svc.statistics(ctxOf(req), req.query)
      return { data: s.rows, from: s.from, to: s.to, scoring: s.scoring }
    },
  )
  r.get(
    '/submissions/statistics.xlsx',
    {
      schema: { tags, summary: '导出信息报送考核统计表（xlsx）', querystring: StatisticsQuery },
    },
    async (req, reply) => {
      const s = await svc.statistics(ctxOf(req), req.query)
      const bytes = await buildStatisticsXlsx(s)
      return sendXlsx(reply, `信息报送考核统计表（${s.from}至${s.to}）.xlsx`, bytes)
    },
  )
  r.get(
    '/submissions/scoring',
    { schema: { tags, summary: '信息报送计分规则', response: { 200: ScoringResponse } } },
    async (req) => ({
      data: await svc.scoring(ctxOf(req)),
    }),
  )
  r.put(
    '/submissions/scoring',
    {
      schema: {
        tags,
        summary: '设置信息报送计分规则（站群管理员）',
        body: ScoringSchema,
        response: { 200: ScoringResponse },
      },
    },
    async (req) => ({ data: await svc.putScoring(ctxOf(req), req.body) }),
  )
  r.get(
    '/submissions/:id',
    {
      schema: {
        tags,
        summary: '报送详情（含源信息当前内容）',
        params: SubmissionIdParams,
        response: { 200: SubmissionDetailResponse },
      },
    },
    async (req) => ({ data: await svc.get(ctxOf(req), req.params.id) }),
  )
  r.post(
    '/submissions/:id/adopt',
    {
      schema: {
        tags,
        summary: '采用（可修改后采用；publish 按本站审核流程发布，draft 存为草稿）',
        params: SubmissionIdParams,
        body: AdoptSchema,
        response: { 200: AdoptResponse },
      },
    },
    async (req) => {
      const res = await svc.adopt(ctxOf(req), req.params.id, req.body)
      return { data: res.submission, articleId: res.articleId }
    },
  )
  r.post(
    '/submissions/:id/return',
    {
      schema: {
        tags,
        summary: '退回修改（须填理由）',
        params: SubmissionIdParams,
        body: ReasonSchema,
        response: { 200: SubmissionResponse },
      },
    },
    async (req) => ({
      data: await svc.returnToSource(ctxOf(req), req.params.id, req.body.reason),
    }),
  )
  r.post(
    '/submissions/:id/decline',
    {
      schema: {
        tags,
        summary: '不予采用（须填理由）',
        params: SubmissionIdParams,
        body: ReasonSchema,
        response: { 200: SubmissionResponse },
      },
    },
    async (req) => ({ data: await svc.decline(ctxOf(req), req.params.id, req.body.reason) }),
  )
  r.post(
    '/submissions/:id/resubmit',
    {
      schema: {
        tags,
        summary: '修改后重新报送（仅退回修改的报送）',
        params: SubmissionIdParams,
        body: ResubmitSchema,
        response: { 200: SubmissionResponse },
      },
      // The body is optional: a bare POST resubmits without a new note.
      preValidation: async (req) => {
        req.body ??= {}
      },
    },
    async (req) => ({ data: await svc.resubmit(ctxOf(req), req.params.id, req.body.note) }),
  )
  r.post(
    '/submissions/:id/withdraw',
    {
      schema: {
        tags,
        summary: '撤回报送（仅待处理的报送）',
        params: SubmissionIdParams,
        response: { 200: SubmissionResponse },
      },
    },
    async (req) => ({ data: await svc.withdraw(ctxOf(req), req.params.id) }),
  )
}
