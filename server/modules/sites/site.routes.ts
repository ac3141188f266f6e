import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import { exportSites, SiteExportQuery } from './site.export'
import { presentSiteAdmin } from './site.presenter'
import { SiteCreateSchema, SiteIdParams, SiteStatusSchema, SiteUpdateSchema } from './site.schema'

export async function siteAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['站点']
  r.get('/sites', { schema: { tags, summary: '我可管理的站点' } }, async (req) => ({
    data: (await core.sites.list(ctxOf(req))).map(presentSiteAdmin),
  }))
  r.get(
    '/sites/export.xlsx',
    { schema: { tags, summary: '导出站点列表（xlsx）', querystring: SiteExportQuery } },
    async (req, reply) =>
      sendXlsx(reply, '站点列表.xlsx', await exportSites(core, ctxOf(req), req.query)),
  )
  r.post(
    '/sites',
    { schema: { tags, summary: '新建站点', body: SiteCreateSchema } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: presentSiteAdmin(await core.sites.create(ctxOf(req), req.body)) }),
  )
  r.get(
    '/sites/:id',
    { schema: { tags, summary: '站点详情', params: SiteIdParams } },
    async (req) => ({
      data: presentSiteAdmin(await core.sites.get(ctxOf(req), req.params.id)),
    }),
  )
  r.patch(
    '/sites/:id',
    { schema: { tags, summary: '修改站点', params: SiteIdParams, body: SiteUpdateSchema } },
    async (req) => ({
      data: presentSiteAdmin(await core.sites.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/sites/:id/status',
    {
      schema: {
        tags,
        summary: '开通、关停（附公告）或归档站点',
        params: SiteIdParams,
        body: SiteStatusSchema,
      },
    },
    async (req) => ({
      data: presentSiteAdmin(await core.sites.setStatus(ctxOf(req), req.params.id, req.body)),
    }),
  )
}
