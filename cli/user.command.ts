import { ROLES, type Role } from '../common/permissions'
import { siteRepository } from '../server/modules/sites/site.repository'
import { systemContext } from '../server/modules/users/actor'
import { withApp } from './shared'

export interface UserAddOptions {
  username: string
  name?: string
  password?: string
  admin?: boolean
  site?: string
  role: string
}

export async function runUserAdd(options: UserAddOptions): Promise<void> {
  if (!(ROLES as readonly string[]).includes(options.role))
    throw new Error('--role 只能是 admin、reviewer 或 editor')
  await withApp(async ({ core }) => {
    const grants: { siteId: number | null; role: Role }[] = []
    if (options.admin) grants.push({ siteId: null, role: 'admin' })
    if (options.site) {
      const site = await siteRepository.getByCode(core.deps.db, options.site)
      if (!site) throw new Error(`站点不存在：${options.site}`)
      grants.push({ siteId: site.id, role: options.role as Role })
    }
    const { user, generatedPassword } = await core.users.create(systemContext('cli'), {
      username: options.username,
      displayName: options.name ?? options.username,
      password: options.password,
      grants,
    })
    console.log(`已创建用户 ${user.username}（编号 ${user.id}）`)
    if (generatedPassword)
      console.log(`初始密码：${generatedPassword}（只显示这一次，首次登录后须修改）`)
  })
}
