import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import { presentLexiconEntry } from './checks.presenter'
import {
  LexiconCreateSchema,
  LexiconExportQuery,
  LexiconIdParams,
  LexiconListQuery,
  LexiconUpdateSchema,
  RulesSchema,
  RunChecksSchema,
} from './checks.schema'
import { authorizeLexiconWrite } from './lexicon.service'

/** 内容检查: run the checks, rule severities, and the cluster word lists. */
export async function checksAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['内容检查']
  r.post(
    '/checks/run',
    {
      schema: {
        tags,
        summary: '检查一篇信息（敏感词、错别字、个人信息、涉密标志、链接等），不保存',
        body: RunChecksSchema,
      },
    },
    async (req) => ({ data: await core.checks.run(ctxOf(req), req.body) }),
  )
  r.get('/checks/rules', { schema: { tags, summary: '检查规则及其级别' } }, async (req) => ({
    data: await core.checks.readRules(ctxOf(req)),
  }))
  r.put(
    '/checks/rules',
    {
      schema: {
        tags,
        summary: '设置检查规则的级别（blocking 阻止发布、warning 提醒、off 关闭）',
        body: RulesSchema,
      },
    },
    async (req) => ({ data: await core.checks.setRules(ctxOf(req), req.body.rules) }),
  )
  r.get(
    '/lexicon',
    {
      schema: {
        tags,
        summary: '词库列表（分页、按词库和关键词筛选）',
        querystring: LexiconListQuery,
      },
    },
    async (req) => {
      const result = await core.checks.list(ctxOf(req), req.query)
      return {
        data: result.rows.map(presentLexiconEntry),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/lexicon/export.xlsx',
    { schema: { tags, summary: '导出词库（xlsx）', querystring: LexiconExportQuery } },
    async (req, reply) =>
      sendXlsx(
        reply,
        '内容检查词库.xlsx',
        await core.checks.exportXlsx(ctxOf(req), req.query.kind),
      ),
  )
  r.post(
    '/lexicon/import',
    {
      schema: {
        tags,
        summary:
          '从 xlsx 导入词库（multipart/form-data，file 字段；列：词库、词语、正确写法/职务、说明）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      authorizeLexiconWrite(ctx)
      if (!req.isMultipart()) {
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      }
      const part = await req.file()
      if (!part) throw invalid('没有收到文件', { file: '请选择 .xlsx 文件' })
      return { data: await core.checks.importXlsx(ctx, await part.toBuffer()) }
    },
  )
  r.post(
    '/lexicon',
    { schema: { tags, summary: '新增词条', body: LexiconCreateSchema } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: presentLexiconEntry(await core.checks.add(ctxOf(req), req.body)) }),
  )
  r.patch(
    '/lexicon/:id',
    { schema: { tags, summary: '修改词条', params: LexiconIdParams, body: LexiconUpdateSchema } },
    async (req) => ({
      data: presentLexiconEntry(await core.checks.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.delete(
    '/lexicon/:id',
    { schema: { tags, summary: '删除词条', params: LexiconIdParams } },
    async (req) => {
      await core.checks.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
}
