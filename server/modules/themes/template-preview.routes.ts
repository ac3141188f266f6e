import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import { SiteIdParams } from '../sites/site.schema'
import { TemplatePreviewService } from './template.preview'

const PreviewBody = Type.Object({
  name: Type.String({ title: '模板名称', minLength: 1, maxLength: 200 }),
  source: Type.String({ title: '模板内容', maxLength: 500_000 }),
  url: Type.Optional(Type.String({ title: '预览页面', maxLength: 1000 })),
})

/** `POST /sites/:id/template/preview`: an unsaved template rendered for a real page. */
export async function templatePreviewAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const previews = new TemplatePreviewService(core.deps, core.visits)
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.post(
    '/sites/:id/template/preview',
    {
      schema: {
        tags: ['模板'],
        summary: '用未保存的模板渲染本站的真实页面（不保存、不进缓存）',
        params: SiteIdParams,
        body: PreviewBody,
        response: {
          200: Type.Object({
            data: Type.Object({ html: Type.String(), url: Type.String(), status: Type.Integer() }),
          }),
        },
      },
    },
    async (req) => ({ data: await previews.preview(ctxOf(req), req.params.id, req.body) }),
  )
}
