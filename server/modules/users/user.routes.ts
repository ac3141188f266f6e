import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { clearSessionCookie, ctxOf, setSessionCookie } from '../../plugins/auth'
import { sendXlsx } from '../../plugins/xlsx'
import { exportUsers, UserExportQuery } from './user.export'
import { buildImportTemplate, importUsers, parseUserImport } from './user.import'
import { authorizeUserAdmin } from './user.policy'
import { presentUser } from './user.presenter'
import {
  ChangePasswordSchema,
  GrantsSchema,
  LoginSchema,
  UserCreateSchema,
  UserIdParams,
  UserListQuery,
  UserUpdateSchema,
} from './user.schema'

/** Sign-in routes: public (no session yet), rate limited. */
export async function sessionRoutes(app: FastifyInstance, { core }: { core: Core }): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['登录']
  r.post(
    '/session',
    {
      schema: { tags, summary: '登录', body: LoginSchema },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, session } = await core.auth.login({
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      })
      setSessionCookie(reply, token, core.deps.config.sessionTtlMs, req.protocol === 'https')
      return {
        data: {
          user: presentUser({ ...session.user, grants: [] }),
          csrfToken: session.csrf,
          isClusterAdmin: session.actor.isClusterAdmin,
          grants: session.actor.grants,
          mustChangePassword: session.user.mustChangePassword,
        },
      }
    },
  )
  r.get('/session', { schema: { tags, summary: '当前登录信息' } }, async (req) => {
    const s = req.session
    if (!s) return { data: null }
    return {
      data: {
        user: presentUser({ ...s.user, grants: [] }),
        csrfToken: s.csrf,
        isClusterAdmin: s.actor.isClusterAdmin,
        grants: s.actor.grants,
        mustChangePassword: s.user.mustChangePassword,
      },
    }
  })
  r.delete('/session', { schema: { tags, summary: '退出登录' } }, async (req, reply) => {
    if (req.session) await core.auth.logout(ctxOf(req), req.session.sessionId)
    clearSessionCookie(reply)
    return { data: { ok: true } }
  })
  r.post(
    '/me/password',
    { schema: { tags, summary: '修改本人密码', body: ChangePasswordSchema } },
    async (req) => {
      await core.auth.changePassword(ctxOf(req), req.session?.sessionId ?? '', req.body)
      return { data: { ok: true } }
    },
  )
}

export async function userAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['用户']
  r.get(
    '/users',
    { schema: { tags, summary: '用户列表', querystring: UserListQuery } },
    async (req) => {
      const result = await core.users.list(ctxOf(req), req.query)
      return {
        data: result.rows.map(presentUser),
        total: result.total,
        page: result.page,
        pageSize: result.pageSize,
      }
    },
  )
  r.get(
    '/users/export.xlsx',
    { schema: { tags, summary: '导出用户列表（xlsx）', querystring: UserExportQuery } },
    async (req, reply) =>
      sendXlsx(reply, '用户列表.xlsx', await exportUsers(core, ctxOf(req), req.query)),
  )
  r.get(
    '/users/import-template.xlsx',
    { schema: { tags, summary: '用户导入模板（xlsx）' } },
    async (req, reply) =>
      sendXlsx(reply, '用户导入模板.xlsx', await buildImportTemplate(core, ctxOf(req))),
  )
  r.post(
    '/users/import',
    {
      schema: {
        tags,
        summary: '从 xlsx 导入用户（multipart/form-data，file 字段；全部行校验通过才导入）',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const ctx = ctxOf(req)
      authorizeUserAdmin(ctx.actor)
      if (!req.isMultipart()) {
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      }
      const part = await req.file()
      if (!part) throw invalid('没有收到文件', { file: '请选择 .xlsx 文件' })
      const rows = await parseUserImport(core, ctx, await part.toBuffer())
      return { data: await importUsers(core, ctx, rows) }
    },
  )
  r.post(
    '/users',
    {
      schema: { tags, summary: '新建用户（不填密码则生成一次性初始密码）', body: UserCreateSchema },
    },
    async (req, reply) => {
      const { user, generatedPassword } = await core.users.create(ctxOf(req), req.body)
      return reply.status(201).send({ data: { ...presentUser(user), generatedPassword } })
    },
  )
  r.get(
    '/users/:id',
    { schema: { tags, summary: '用户详情', params: UserIdParams } },
    async (req) => ({
      data: presentUser(await core.users.get(ctxOf(req), req.params.id)),
    }),
  )
  r.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: '修改、停用或启用用户',
        params: UserIdParams,
        body: UserUpdateSchema,
      },
    },
    async (req) => ({
      data: presentUser(await core.users.update(ctxOf(req), req.params.id, req.body)),
    }),
  )
  r.post(
    '/users/:id/reset-password',
    { schema: { tags, summary: '重置密码（返回一次性新密码）', params: UserIdParams } },
    async (req) => ({
      data: { password: await core.users.resetPassword(ctxOf(req), req.params.id) },
    }),
  )
  r.put(
    '/users/:id/grants',
    {
      schema: { tags, summary: '设置用户在各站点的角色', params: UserIdParams, body: GrantsSchema },
    },
    async (req) => ({
      data: presentUser(await core.users.setGrants(ctxOf(req), req.params.id, req.body.grants)),
    }),
  )
}
