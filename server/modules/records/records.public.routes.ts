import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Core } from '../../core'
import { isAppError, tooManyRequests } from '../../errors'
import { presentAnswer, presentSetPublic } from './records.presenter'
import { AnswerSchema, PublicSetListSchema, QueryBody, SetCodeParams } from './records.schema'

const tags = ['公开接口']

/** Queries per address: a person needs a few; a script guessing second factors is stopped. */
export const RECORDS_IP_RATE = { max: 20, timeWindow: '10 minutes' }

/** Never cached by anyone, never indexed: the answer is one person's records. */
export function privateHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store')
  reply.header('pragma', 'no-cache')
  reply.header('x-robots-tag', 'noindex, nofollow')
}

/** `GET /api/v1/records` and `POST /api/v1/records/:setCode/query` (stable; see the README). */
export async function recordsPublicRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get(
    '/records',
    {
      schema: {
        tags,
        summary: '个人查询项目（养老金、医保、住房公积金）及各自的第二验证方式',
        response: { 200: PublicSetListSchema },
      },
    },
    async () => ({ data: (await core.recordsQuery.publicSets()).map(presentSetPublic) }),
  )

  r.post(
    '/records/:setCode/query',
    {
      schema: {
        tags,
        summary: '个人查询：身份证号、姓名、第二验证和人机验证',
        description:
          '200 返回本人记录（身份证号和姓名已遮盖）；400 身份证号格式、校验位或出生日期不正确（invalid_id_number），或其他输入有误、人机验证未通过；404 未查询到记录（records_no_match，身份证号、姓名或第二验证不符均同样返回）；429 该身份证号连续 5 次失败后锁定（records_locked，时间逐次加倍）或本地址查询过于频繁。响应不缓存，不记录个人信息。',
        params: SetCodeParams,
        body: QueryBody,
        response: { 200: AnswerSchema },
      },
      config: {
        rateLimit: {
          ...RECORDS_IP_RATE,
          keyGenerator: (req) => `${req.ip}|records`,
          errorResponseBuilder: () => tooManyRequests('查询过于频繁，请 10 分钟后再试'),
        },
      },
    },
    async (req, reply) => {
      privateHeaders(reply)
      try {
        const answer = await core.recordsQuery.query({
          setCode: req.params.setCode,
          idNumber: req.body.idNumber,
          name: req.body.name,
          secret: req.body.secret,
          captcha: req.body.captcha,
          ip: req.ip,
        })
        return { data: presentAnswer(answer) }
      } catch (err) {
        const retry = isAppError(err) ? err.details?.retryAfterSeconds : undefined
        if (typeof retry === 'number') reply.header('retry-after', String(retry))
        throw err
      }
    },
  )
}
