import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { LETTER_LIMITS, LETTER_TYPES } from '../../../common/letters'
import type { Core } from '../../core'
import { notFound } from '../../errors'
import type { SiteDirectory } from '../../public/site-directory'
import { mailboxRepository } from './mailbox.repository'

const tags = ['公开接口']

const LetterBody = Type.Object({
  mailbox: Type.String({ title: '信箱代码', minLength: 1, maxLength: 64 }),
  type: Type.Enum(LETTER_TYPES, { title: '来信类型' }),
  subject: Type.String({ title: '标题', maxLength: LETTER_LIMITS.subjectMax * 2 }),
  body: Type.String({ title: '来信内容', maxLength: LETTER_LIMITS.bodyMax * 2 }),
  name: Type.String({ title: '姓名', maxLength: LETTER_LIMITS.nameMax * 2 }),
  mobile: Type.String({ title: '手机号码', maxLength: 30 }),
  email: Type.Optional(Type.String({ title: '电子邮箱', maxLength: 200 })),
  public: Type.Optional(Type.Boolean({ title: '是否同意公开' })),
  captcha: Type.Optional(Type.String({ title: '人机验证（ALTCHA 结果）', maxLength: 10_000 })),
  /** The widget's own field name, when a plain HTML form posts the letter. */
  altcha: Type.Optional(Type.String({ title: '人机验证（表单字段）', maxLength: 10_000 })),
})

/** Public letter endpoints inside `/api/v1` (a stable contract; see the README). */
export async function letterPublicRoutes(
  app: FastifyInstance,
  { core, directory }: { core: Core; directory: SiteDirectory },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  r.get(
    '/mailboxes',
    {
      schema: {
        tags,
        summary: '信箱列表（可按站点筛选）',
        querystring: Type.Object({ site: Type.Optional(Type.String({ title: '站点代码' })) }),
      },
    },
    async (req) => {
      const snap = await directory.snapshotNow()
      const open = snap.sites.filter((s) => s.status === 'open')
      const sites = req.query.site ? open.filter((s) => s.code === req.query.site) : open
      if (req.query.site && sites.length === 0) throw notFound('站点不存在')
      const byId = new Map(sites.map((s) => [s.id, s]))
      const boxes = await mailboxRepository.list(core.deps.db, [...byId.keys()])
      return {
        data: boxes
          .filter((m) => m.enabled)
          .map((m) => ({
            code: m.code,
            name: m.name,
            description: m.description,
            siteCode: byId.get(m.siteId)?.code ?? '',
          })),
      }
    },
  )

  r.post(
    '/letters',
    {
      schema: {
        tags,
        summary: '写信：成功后返回查询码和查询密码（信件已可靠保存）',
        body: LetterBody,
      },
      config: { rateLimit: { max: 10, timeWindow: '10 minutes' } },
    },
    async (req, reply) => {
      const { altcha, ...body } = req.body
      const { queryCode, password } = await core.letterIntake.submit({
        ...body,
        captcha: body.captcha ?? altcha,
      })
      return reply.status(201).send({ data: { queryCode, password } })
    },
  )

  r.get(
    '/letters/:queryCode',
    {
      schema: {
        tags,
        summary: '查询来信：状态、承办单位和答复（查询码或密码错误均返回 404）',
        params: Type.Object({ queryCode: Type.String({ maxLength: 30 }) }),
        querystring: Type.Object({ password: Type.String({ title: '查询密码', maxLength: 30 }) }),
      },
      config: { rateLimit: { max: 20, timeWindow: '10 minutes' } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return { data: await core.letterIntake.lookup(req.params.queryCode, req.query.password) }
    },
  )
}
