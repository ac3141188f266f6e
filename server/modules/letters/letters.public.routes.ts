import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { LETTER_LIMITS, LETTER_RATINGS, LETTER_STATES, LETTER_TYPES } from '../../../common/letters'
import type { Core } from '../../core'
import { notFound } from '../../errors'
import type { SiteDirectory } from '../../public/site-directory'
import { mailboxRepository } from './mailbox.repository'
import { publishedLetters, PUBLISHED_PAGE_SIZE, type PublishedLetterItem } from './letter.published'

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

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])

/** What the writer sees of a letter: GET and every writer action answer with it. */
const LetterStatusSchema = Type.Object({
  data: Type.Object({
    queryCode: Type.String({ title: '查询码' }),
    mailbox: Type.String({ title: '信箱' }),
    siteName: Type.String({ title: '网站' }),
    type: Type.String({ title: '来信类型' }),
    subject: Type.String({ title: '标题' }),
    state: Type.Enum(LETTER_STATES, { title: '状态' }),
    stateLabel: Type.String({ title: '状态说明' }),
    receivedAt: Type.String({ title: '来信时间' }),
    unitName: Nullable(Type.String({ title: '承办单位' })),
    reply: Nullable(Type.String({ title: '答复内容（合并办理的来信为所并入来信的答复）' })),
    repliedAt: Nullable(Type.String({ title: '答复时间' })),
    rating: Nullable(Type.String({ title: '评价' })),
    publicNote: Nullable(Type.String({ title: '需补充的材料（待补充材料时）' })),
    ratingUntil: Nullable(Type.String({ title: '评价截止时间（已答复、未评价时）' })),
  }),
})
const CodeParams = Type.Object({ queryCode: Type.String({ title: '查询码', maxLength: 30 }) })
const Password = Type.String({ title: '查询密码', minLength: 1, maxLength: 30 })
/** Writer actions verify the password: the same budget as a check. */
const WRITER_RATE = { max: 20, timeWindow: '10 minutes' }

const PublishedItemFields = {
  id: Type.Integer({ title: '编号' }),
  subject: Type.String({ title: '标题' }),
  type: Type.String({ title: '来信类型代码' }),
  typeLabel: Type.String({ title: '来信类型名称' }),
  mailbox: Type.String({ title: '信箱' }),
  receivedAt: Type.String({ title: '收信日期' }),
  repliedAt: Nullable(Type.String({ title: '答复日期' })),
  publishedAt: Nullable(Type.String({ title: '公开日期' })),
  unitName: Type.String({ title: '承办单位' }),
}
const PublishedListSchema = Type.Object({
  data: Type.Array(Type.Object(PublishedItemFields)),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
})
const PublishedDetailSchema = Type.Object({
  data: Type.Object({
    ...PublishedItemFields,
    body: Type.String({ title: '来信内容（公开文本）' }),
    reply: Type.String({ title: '答复内容（公开文本）' }),
  }),
})

/** A published letter as the API shows it: the redacted copies only. */
function presentPublished(l: PublishedLetterItem) {
  return {
    id: l.id,
    subject: l.subject,
    type: l.type,
    typeLabel: l.typeLabel,
    mailbox: l.mailboxName,
    receivedAt: l.receivedAt,
    repliedAt: l.repliedAt,
    publishedAt: l.publishedAt,
    unitName: l.unitName,
  }
}

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
        description:
          '仅接受 JSON，不含附件。需要上传附件（jpg、png、pdf、doc、docx、xls、xlsx，最多 3 个，单个不超过 10 MB，合计不超过 20 MB）时请使用网站信箱页面的表单。',
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
        params: CodeParams,
        querystring: Type.Object({ password: Type.String({ title: '查询密码', maxLength: 30 }) }),
        response: { 200: LetterStatusSchema },
      },
      config: { rateLimit: WRITER_RATE },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return { data: await core.letterIntake.lookup(req.params.queryCode, req.query.password) }
    },
  )

  /** Runs a writer action, then answers with the letter's new status. */
  const afterAction = async (code: string, password: string, run: () => Promise<void>) => {
    await run()
    return { data: await core.letterIntake.lookup(code, password) }
  }

  r.post(
    '/letters/:queryCode/rating',
    {
      schema: {
        tags,
        summary: '评价答复（满意、基本满意、不满意；首次不满意将重新办理）',
        params: CodeParams,
        body: Type.Object({
          password: Password,
          rating: Type.Enum(LETTER_RATINGS, { title: '评价' }),
          comment: Type.Optional(Type.String({ title: '评价意见', maxLength: 1000 })),
        }),
        response: { 200: LetterStatusSchema },
      },
      config: { rateLimit: WRITER_RATE },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const { password, rating, comment } = req.body
      const code = req.params.queryCode
      return afterAction(code, password, () =>
        core.letterWriter.rate(code, password, rating, comment ?? ''),
      )
    },
  )

  r.post(
    '/letters/:queryCode/supplement',
    {
      schema: {
        tags,
        summary: '补充材料（仅在“请补充材料”状态下）',
        params: CodeParams,
        body: Type.Object({
          password: Password,
          text: Type.String({ title: '补充内容', maxLength: LETTER_LIMITS.bodyMax * 2 }),
        }),
        response: { 200: LetterStatusSchema },
      },
      config: { rateLimit: WRITER_RATE },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const { password, text } = req.body
      const code = req.params.queryCode
      return afterAction(code, password, () => core.letterWriter.supplement(code, password, text))
    },
  )

  r.post(
    '/letters/:queryCode/withdraw',
    {
      schema: {
        tags,
        summary: '撤回来信（交办前：待受理、待补充材料或已受理）',
        params: CodeParams,
        body: Type.Object({ password: Password }),
        response: { 200: LetterStatusSchema },
      },
      config: { rateLimit: WRITER_RATE },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      const code = req.params.queryCode
      const { password } = req.body
      return afterAction(code, password, () => core.letterWriter.withdraw(code, password))
    },
  )

  /** An enabled mailbox of an open site, or 404. */
  const openMailbox = async (code: string) => {
    const box = await mailboxRepository.getByCode(core.deps.db, code)
    if (!box || !box.enabled) throw notFound('信箱不存在')
    const snap = await directory.snapshotNow()
    if (snap.byId.get(box.siteId)?.status !== 'open') throw notFound('信箱不存在')
    return box
  }

  r.get(
    '/mailboxes/:code/letters',
    {
      schema: {
        tags,
        summary: '信箱的公开来信（按公开时间倒序，每页 20 条）',
        params: Type.Object({ code: Type.String({ title: '信箱代码', maxLength: 64 }) }),
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 100000 })),
        }),
        response: { 200: PublishedListSchema },
      },
    },
    async (req) => {
      const box = await openMailbox(req.params.code)
      const page = req.query.page ?? 1
      const { items, total } = await publishedLetters.list(core.deps.db, [box.id], page)
      return { data: items.map(presentPublished), total, page, pageSize: PUBLISHED_PAGE_SIZE }
    },
  )

  r.get(
    '/published-letters/:id',
    {
      schema: {
        tags,
        summary: '一件公开来信：公开的标题、来信内容和答复内容',
        params: Type.Object({
          id: Type.Integer({ title: '编号', minimum: 1, maximum: 2 ** 31 - 1 }),
        }),
        response: { 200: PublishedDetailSchema },
      },
    },
    async (req) => {
      const letter = await publishedLetters.get(core.deps.db, req.params.id)
      const box = letter && (await mailboxRepository.get(core.deps.db, letter.mailboxId))
      const snap = await directory.snapshotNow()
      if (!letter || !box?.enabled || snap.byId.get(letter.siteId)?.status !== 'open') {
        throw notFound('公开来信不存在')
      }
      return { data: { ...presentPublished(letter), body: letter.body, reply: letter.reply } }
    },
  )
}
