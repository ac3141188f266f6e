import type { Generated } from 'kysely'

export interface UserTable {
  id: Generated<number>
  username: string
  display_name: Generated<string>
  email: Generated<string>
  phone: Generated<string>
  unit: Generated<string>
  password_hash: string
  status: Generated<string>
  failed_logins: Generated<number>
  locked_until: string | null
  must_change_password: Generated<number>
  last_login_at: string | null
  created_at: string
  updated_at: string
}

export interface RoleGrantTable {
  id: Generated<number>
  user_id: number
  site_id: number | null
  role: string
  created_at: string
}

export interface SessionTable {
  id: string
  user_id: number
  csrf_token: string
  ip: Generated<string>
  user_agent: Generated<string>
  created_at: string
  expires_at: string
}
