import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { LIMITS } from '../../../common/limits'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { SiteIdParams } from '../sites/site.schema'
import { MEDIA_KINDS } from './media.repository'
import { presentMedia, presentMediaUsage } from './media.presenter'
import { MediaService } from './media.service'

const MediaIdParams = Type.Object({ id: Type.Integer({ title: '文件编号', minimum: 1 }) })
const MediaListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ title: '文件名', maxLength: 200 })),
  type: Type.Optional(Type.Enum(MEDIA_KINDS, { title: '文件类型' })),
  page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(
    Type.Integer({ title: '每页条数', minimum: 1, maximum: LIMITS.pageSizeMax, default: 24 }),
  ),
})

/** The media library: `/sites/:id/media`, `/media/:id/usage`, `DELETE /media/:id`. */
export async function mediaAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const media = new MediaService(core.deps)
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['媒体库']
  r.get(
    '/sites/:id/media',
    {
      schema: {
        tags,
        summary: '站点媒体库（新上传在前，含引用次数）',
        params: SiteIdParams,
        querystring: MediaListQuery,
      },
    },
    async (req) => {
      const page = req.query.page ?? 1
      const pageSize = req.query.pageSize ?? 24
      const { rows, total } = await media.list(ctxOf(req), {
        siteId: req.params.id,
        keyword: req.query.keyword,
        type: req.query.type,
        page,
        pageSize,
      })
      return { data: rows.map(presentMedia), total, page, pageSize }
    },
  )
  r.get(
    '/media/:id/usage',
    { schema: { tags, summary: '文件被哪些信息使用', params: MediaIdParams } },
    async (req) => ({ data: presentMediaUsage(await media.usage(ctxOf(req), req.params.id)) }),
  )
  r.delete(
    '/media/:id',
    { schema: { tags, summary: '删除未被使用的文件（被使用时返回 409）', params: MediaIdParams } },
    async (req) => {
      await media.remove(ctxOf(req), req.params.id)
      return { data: { ok: true } }
    },
  )
}
