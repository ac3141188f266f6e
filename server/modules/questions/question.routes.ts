import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import {
  IdParams,
  ImportResponse,
  LetterIdParams,
  PolicyOptionsQuery,
  PolicyOptionsResponse,
  QuestionInputSchema,
  QuestionListQuery,
  QuestionListResponse,
  QuestionResponse,
  TopicsResponse,
} from './question.schema'
import { exportQuestions, importQuestions, importTemplate } from './question.xlsx'

/** 热点解答 administration (`/api/admin/questions`). */
export async function questionAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['热点解答']
  r.get(
    '/questions',
    {
      schema: {
        tags,
        summary: '热点解答列表（本人维护的单位；热点、排序在前）',
        querystring: QuestionListQuery,
        response: { 200: QuestionListResponse },
      },
    },
    async (req) => core.questions.list(ctxOf(req), req.query),
  )
  r.get(
    '/questions/topics',
    { schema: { tags, summary: '在用的主题及条数', response: { 200: TopicsResponse } } },
    async (req) => ({ data: await core.questions.topics(ctxOf(req)) }),
  )
  r.get(
    '/questions/policy-options',
    {
      schema: {
        tags,
        summary: '可关联的政策（已发布信息，按标题查找）',
        querystring: PolicyOptionsQuery,
        response: { 200: PolicyOptionsResponse },
      },
    },
    async (req) => {
      const ids = (req.query.ids ?? '')
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0)
      return { data: await core.questions.policyOptions(ctxOf(req), req.query.q ?? '', ids) }
    },
  )
  r.get(
    '/questions/export.xlsx',
    {
      schema: { tags, summary: '导出热点解答（xlsx，筛选同列表）', querystring: QuestionListQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        '热点解答.xlsx',
        await exportQuestions(core.deps, core.questions, ctxOf(req), req.query),
      ),
  )
  r.get(
    '/questions/import-template.xlsx',
    { schema: { tags, summary: '热点解答导入模板（xlsx）' } },
    async (_req, reply) => sendXlsx(reply, '热点解答导入模板.xlsx', await importTemplate()),
  )
  r.post(
    '/questions/import',
    {
      schema: {
        tags,
        summary: '从 xlsx 导入热点解答（multipart/form-data，file 字段；全部行校验通过才导入）',
        consumes: ['multipart/form-data'],
        response: { 200: ImportResponse },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      const part = await req.file()
      if (!part) throw invalid('没有收到文件', { file: '请选择 .xlsx 文件' })
      const bytes = await part.toBuffer()
      return { data: await importQuestions(core.deps, core.questions, ctxOf(req), bytes) }
    },
  )
  r.post(
    '/questions/from-letter/:letterId',
    {
      schema: {
        tags,
        summary: '把已答复/已办结的来信转为热点解答草稿（公开文本或自动脱敏文本）',
        params: LetterIdParams,
        response: { 201: QuestionResponse },
      },
    },
    async (req, reply) => {
      const data = await core.questions.fromLetter(ctxOf(req), req.params.letterId)
      return reply.status(201).send({ data })
    },
  )
  r.get(
    '/questions/:id',
    {
      schema: {
        tags,
        summary: '热点解答详情',
        params: IdParams,
        response: { 200: QuestionResponse },
      },
    },
    async (req) => ({ data: await core.questions.get(ctxOf(req), req.params.id) }),
  )
  r.post(
    '/questions',
    {
      schema: {
        tags,
        summary: '新建热点解答',
        body: QuestionInputSchema,
        response: { 201: QuestionResponse },
      },
    },
    async (req, reply) => {
      const data = await core.questions.create(ctxOf(req), req.body)
      return reply.status(201).send({ data })
    },
  )
  r.put(
    '/questions/:id',
    {
      schema: {
        tags,
        summary: '修改热点解答（整体替换主题、相关事项与政策）',
        params: IdParams,
        body: QuestionInputSchema,
        response: { 200: QuestionResponse },
      },
    },
    async (req) => ({ data: await core.questions.update(ctxOf(req), req.params.id, req.body) }),
  )
  r.delete(
    '/questions/:id',
    { schema: { tags, summary: '删除热点解答', params: IdParams } },
    async (req) => {
      await core.questions.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
}
