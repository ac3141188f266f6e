import type { Core } from './core'
import { siteRepository } from './modules/sites/site.repository'
import { seedDemo } from './modules/demo/seed-demo'
import { seedLexicon } from './modules/checks/check.seed'
import { systemContext } from './modules/users/actor'
import { generatePassword, hashPassword } from './modules/users/password'
import { userRepository } from './modules/users/user.repository'
import { recordAudit } from './modules/audit/audit.repository'
import { nowIso } from './db/dialect'

export interface BootstrapResult {
  /** Set when the first admin was created with a generated password (print it once). */
  generatedAdminPassword: string | null
  adminCreated: boolean
  seeded: { sites: number; columns: number; articles: number } | null
}

/**
 * First start: the `admin` account (password from ZHANQUN_ADMIN_PASSWORD or generated and shown
 * once) and, on an empty database, the demo county.
 */
export async function bootstrap(
  core: Core,
  options: {
    adminPassword: string | null
    seedDemo: boolean
    onSeedProgress?: (done: number, total: number) => void
  },
): Promise<BootstrapResult> {
  const result: BootstrapResult = {
    generatedAdminPassword: null,
    adminCreated: false,
    seeded: null,
  }
  if ((await userRepository.count(core.deps.db)) === 0) {
    const password = options.adminPassword ?? generatePassword()
    const hash = await hashPassword(password)
    await core.deps.db.transaction().execute(async (trx) => {
      const now = nowIso()
      const id = await userRepository.insert(trx, {
        username: 'admin',
        display_name: '平台管理员',
        password_hash: hash,
        must_change_password: options.adminPassword ? 0 : 1,
        created_at: now,
        updated_at: now,
      })
      await userRepository.addGrant(trx, id, null, 'admin', now)
      await recordAudit(trx, systemContext('bootstrap'), {
        action: 'user.create',
        entity: 'user',
        entityId: id,
        diff: { username: 'admin', clusterAdmin: true },
      })
    })
    result.adminCreated = true
    result.generatedAdminPassword = options.adminPassword ? null : password
  }
  await seedLexicon(core)
  if (options.seedDemo && (await siteRepository.listAll(core.deps.db)).length === 0) {
    result.seeded = await seedDemo(core, { onProgress: options.onSeedProgress })
  }
  return result
}
