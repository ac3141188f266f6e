import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { notFound } from '../../errors'
import { CAPTCHA_ASSET_PREFIX, compressedAsset, widgetAssets } from './captcha.assets'
import { presentChallenge } from './captcha.presenter'
import { ChallengeQuery, ChallengeResponse } from './captcha.schema'

/** `GET /api/v1/captcha/challenge`: registered inside the `/api/v1` scope. */
export async function captchaApiRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  r.get(
    '/captcha/challenge',
    {
      schema: {
        tags: ['公开接口'],
        summary: '获取人机验证挑战（ALTCHA 工作量证明）',
        description:
          '公众表单的 altcha-widget 组件调用本接口，在浏览器中完成计算后把结果放入表单字段 `altcha` 随表单提交；每个结果只能使用一次。返回内容不套 `data`，是组件直接读取的格式。',
        querystring: ChallengeQuery,
        response: { 200: ChallengeResponse },
      },
      // Generous: households and offices often share one address; a challenge costs ~0.3 ms.
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return presentChallenge(await core.captcha.challenge({ formId: req.query.form }))
    },
  )
}

/** The widget's script, worker and styles from this origin, versioned and cached for a year. */
export async function captchaAssetRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { file: string } }>(
    `${CAPTCHA_ASSET_PREFIX}:file`,
    { schema: { hide: true } },
    async (req, reply) => {
      const asset = widgetAssets().byName.get(req.params.file)
      if (!asset) throw notFound('文件不存在')
      const etag = `"${asset.hash}"`
      reply
        .header('content-type', asset.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        .header('vary', 'accept-encoding')
        .header('x-content-type-options', 'nosniff')
      if (req.headers['if-none-match'] === etag) return reply.status(304).send()
      const accept = req.headers['accept-encoding'] ?? ''
      if (/\b(br|gzip)\b/.test(accept)) {
        const variants = await compressedAsset(asset)
        const encoding = /\bbr\b/.test(accept) ? 'br' : 'gzip'
        return reply.header('content-encoding', encoding).send(variants[encoding])
      }
      return reply.send(asset.body)
    },
  )
}
