import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { formatDate } from '../../../common/time'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import { ArticlePreviewSchema, renderArticlePreview } from '../../public/article-preview'
import type { Renderer } from '../../public/renderer'
import type { SiteDirectory } from '../../public/site-directory'
import { BulkActionSchema, runBulkAction } from './article.bulk-actions'
import { EXPORT_MAX_ROWS, exportArticles } from './article.export'
import { ArticleListQuery } from './article.schema'

const ExportQuery = Type.Omit(ArticleListQuery, ['page', 'pageSize'])

/** Admin article tools beside CRUD: bulk actions, xlsx export and the themed preview. */
export async function articleToolRoutes(
  app: FastifyInstance,
  { core, renderer, directory }: { core: Core; renderer: Renderer; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['信息']
  r.post(
    '/articles/bulk',
    {
      schema: {
        tags,
        summary: '批量操作（移动栏目、撤销发布、删除），逐条检查权限并返回每条结果',
        body: BulkActionSchema,
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      if (req.body.action === 'move' && !req.body.columnId) {
        throw invalid('请选择目标栏目', { columnId: '请选择目标栏目' })
      }
      return { data: await runBulkAction(core.articles, ctx, req.body) }
    },
  )
  r.get(
    '/articles/export.xlsx',
    {
      schema: {
        tags,
        summary: `按筛选条件导出信息列表（xlsx，最多 ${EXPORT_MAX_ROWS} 条）`,
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const { bytes, rows, total } = await exportArticles(core.deps.db, ctxOf(req), req.query)
      reply.header('x-export-rows', String(rows)).header('x-export-total', String(total))
      return sendXlsx(reply, `信息列表-${formatDate(new Date())}.xlsx`, bytes)
    },
  )
  r.post(
    '/articles/preview',
    {
      schema: {
        tags,
        summary: '预览（按站点主题渲染未保存的信息页面，不保存、不进页面缓存）',
        body: ArticlePreviewSchema,
      },
    },
    async (req, reply) => {
      const html = await renderArticlePreview(
        { db: core.deps.db, renderer, directory },
        ctxOf(req),
        req.body,
      )
      reply.header('cache-control', 'no-store')
      return { data: { html } }
    },
  )
}
