import { Type, type Static } from 'typebox'
import { ROLES } from '../../../common/permissions'
import { LIMITS } from '../../../common/limits'

export const GrantSchema = Type.Object({
  siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { title: '站点' }),
  role: Type.Enum(ROLES, { title: '角色' }),
})
export type GrantInput = Static<typeof GrantSchema>

export const LoginSchema = Type.Object({
  username: Type.String({ title: '用户名', minLength: 1, maxLength: 64 }),
  password: Type.String({ title: '密码', minLength: 1, maxLength: 200 }),
})

export const UserCreateSchema = Type.Object({
  username: Type.String({
    title: '用户名',
    minLength: LIMITS.usernameMin,
    maxLength: LIMITS.usernameMax,
    pattern: '^[A-Za-z0-9_.@-]+$',
  }),
  displayName: Type.String({ title: '姓名', minLength: 1, maxLength: 100 }),
  password: Type.Optional(Type.String({ title: '初始密码', maxLength: 200 })),
  email: Type.Optional(Type.String({ title: '邮箱', maxLength: 200 })),
  phone: Type.Optional(Type.String({ title: '电话', maxLength: 32 })),
  unit: Type.Optional(Type.String({ title: '单位', maxLength: 200 })),
  grants: Type.Optional(Type.Array(GrantSchema, { title: '角色', maxItems: 500 })),
})
export type UserCreateInput = Static<typeof UserCreateSchema>

export const UserUpdateSchema = Type.Object({
  displayName: Type.Optional(Type.String({ title: '姓名', minLength: 1, maxLength: 100 })),
  email: Type.Optional(Type.String({ title: '邮箱', maxLength: 200 })),
  phone: Type.Optional(Type.String({ title: '电话', maxLength: 32 })),
  unit: Type.Optional(Type.String({ title: '单位', maxLength: 200 })),
  status: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('disabled')], { title: '状态' }),
  ),
})
export type UserUpdateInput = Static<typeof UserUpdateSchema>

export const GrantsSchema = Type.Object({
  grants: Type.Array(GrantSchema, { title: '角色', maxItems: 500 }),
})

export const ChangePasswordSchema = Type.Object({
  oldPassword: Type.String({ title: '原密码', minLength: 1, maxLength: 200 }),
  newPassword: Type.String({ title: '新密码', minLength: 1, maxLength: 200 }),
})

export const UserListQuery = Type.Object({
  keyword: Type.Optional(Type.String({ title: '关键词', maxLength: 100 })),
  status: Type.Optional(
    Type.Union([Type.Literal('active'), Type.Literal('disabled')], { title: '状态' }),
  ),
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: 20 })),
})
export type UserListInput = Static<typeof UserListQuery>

export const UserIdParams = Type.Object({ id: Type.Integer({ title: '用户编号', minimum: 1 }) })
