import ExcelJS from 'exceljs'
import { CLUSTER_ADMIN_LABEL, ROLE_LABELS, type Role } from '../../../common/permissions'
import { LIMITS } from '../../../common/limits'
import type { Core } from '../../core'
import { invalid, isAppError } from '../../errors'
import { buildXlsx } from '../../plugins/xlsx'
import { recordAudit } from '../audit/audit.repository'
import type { Site } from '../sites/site.repository'
import { roleOn, type RequestContext } from './actor'
import { authorizeUserAdmin } from './user.policy'
import { userRepository } from './user.repository'
import type { GrantInput } from './user.schema'

/** The columns of an import file, in template order; the first four are required. */
export const IMPORT_COLUMNS = [
  '用户名',
  '姓名',
  '单位',
  '电话',
  '邮箱',
  '站点代码',
  '角色',
] as const
const REQUIRED = ['用户名', '姓名', '站点代码', '角色'] as const
/** A county has a few hundred editors; a bigger file is a mistake, not an import. */
export const IMPORT_MAX_ROWS = 2000

const ROLE_WORDS: Record<string, Role | 'cluster'> = {
  站点管理员: 'admin',
  管理员: 'admin',
  admin: 'admin',
  审核人: 'reviewer',
  reviewer: 'reviewer',
  编辑: 'editor',
  editor: 'editor',
  [CLUSTER_ADMIN_LABEL]: 'cluster',
}
const USERNAME_RE = /^[A-Za-z0-9_.@-]+$/
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export interface ImportRow {
  row: number
  username: string
  displayName: string
  unit: string
  phone: string
  email: string
  grants: GrantInput[]
}

export interface ImportResult {
  created: { row: number; username: string; displayName: string; password: string }[]
  failed: { row: number; username: string; message: string }[]
  /** username → initial password as an .xlsx, base64: the only other copy of the passwords. */
  passwordsXlsx: string
}

interface Sheet {
  headers: string[]
  rows: { rowNumber: number; values: Record<string, string> }[]
}

async function readSheet(bytes: Buffer): Promise<Sheet> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw invalid('无法读取文件，请上传 Excel（.xlsx）格式的文件', {
      file: '文件不是有效的 .xlsx 文件',
    })
  }
  const ws = wb.worksheets[0]
  if (!ws) throw invalid('文件中没有工作表', { file: '文件中没有工作表' })
  const headers: string[] = []
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col] = String(cell.text ?? '').trim()
  })
  const rows: Sheet['rows'] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const values: Record<string, string> = {}
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const key = headers[col]
      if (key) values[key] = String(cell.text ?? '').trim()
    })
    if (Object.values(values).some((v) => v !== '')) rows.push({ rowNumber, values })
  })
  return { headers: headers.filter(Boolean), rows }
}

/**
 * Checks every row before anything is written: required columns, field formats, site codes,
 * the actor's right to grant on each site, and usernames taken (in the file or already).
 * Throws 400 with one Chinese message per bad row (`fields['rows.<n>']`) and creates nothing.
 */
export async function parseUserImport(
  core: Core,
  ctx: RequestContext,
  bytes: Buffer,
): Promise<ImportRow[]> {
  authorizeUserAdmin(ctx.actor)
  const sheet = await readSheet(bytes)
  const missing = REQUIRED.filter((h) => !sheet.headers.includes(h))
  if (missing.length) {
    const message = `文件缺少必需的列：${missing.join('、')}（第 1 行应为表头：${IMPORT_COLUMNS.join('、')}）`
    throw invalid(message, { file: message })
  }
  if (sheet.rows.length === 0) {
    throw invalid('文件中没有用户数据（表头下方为空）', { file: '文件中没有用户数据' })
  }
  if (sheet.rows.length > IMPORT_MAX_ROWS) {
    const message = `一次最多导入 ${IMPORT_MAX_ROWS} 个用户，文件中有 ${sheet.rows.length} 行`
    throw invalid(message, { file: message })
  }
  // Site names are public (GET /api/v1/sites): a site outside the actor's reach is named.
  const sites = new Map<string, Site | undefined>()
  for (const { values } of sheet.rows) {
    for (const code of splitCodes(values['站点代码'] ?? '')) {
      if (!sites.has(code)) sites.set(code, await core.sites.getByCode(code))
    }
  }
  const firstRowOf = new Map<string, number>()
  const errors: Record<string, string> = {}
  const out: ImportRow[] = []
  for (const { rowNumber, values } of sheet.rows) {
    const problems: string[] = []
    const v = (k: string) => values[k] ?? ''
    const username = v('用户名')
    const displayName = v('姓名')
    if (!username) problems.push('用户名不能为空')
    else if (username.length < LIMITS.usernameMin || username.length > LIMITS.usernameMax) {
      problems.push(`用户名须为 ${LIMITS.usernameMin}–${LIMITS.usernameMax} 个字符`)
    } else if (!USERNAME_RE.test(username)) {
      problems.push(`用户名「${username}」只能包含字母、数字和 _ . @ -`)
    } else {
      const key = username.toLowerCase()
      const first = firstRowOf.get(key)
      if (first) problems.push(`用户名「${username}」与第 ${first} 行重复`)
      else {
        firstRowOf.set(key, rowNumber)
        if (await userRepository.getByUsername(core.deps.db, username)) {
          problems.push(`用户名「${username}」已存在`)
        }
      }
    }
    if (!displayName) problems.push('姓名不能为空')
    else if (displayName.length > 100) problems.push('姓名不能超过 100 个字符')
    if (v('单位').length > 200) problems.push('单位不能超过 200 个字符')
    if (v('电话').length > 32) problems.push('电话不能超过 32 个字符')
    if (v('邮箱') && (v('邮箱').length > 200 || !EMAIL_RE.test(v('邮箱')))) {
      problems.push(`邮箱「${v('邮箱')}」格式有误`)
    }
    const grants = grantsOf(ctx, v('站点代码'), v('角色'), sites, problems)
    if (problems.length) {
      errors[`rows.${rowNumber}`] = `第 ${rowNumber} 行：${problems.join('；')}`
      continue
    }
    out.push({
      row: rowNumber,
      username,
      displayName,
      unit: v('单位'),
      phone: v('电话'),
      email: v('邮箱'),
      grants,
    })
  }
  const bad = Object.keys(errors).length
  if (bad) throw invalid(`导入失败：${bad} 行有误，未导入任何用户。请修改后重新上传。`, errors)
  return out
}

function grantsOf(
  ctx: RequestContext,
  codesCell: string,
  roleCell: string,
  sites: Map<string, Site | undefined>,
  problems: string[],
): GrantInput[] {
  const role = ROLE_WORDS[roleCell] ?? ROLE_WORDS[roleCell.toLowerCase()]
  const codes = splitCodes(codesCell)
  if (!roleCell) {
    problems.push('角色不能为空')
    return []
  }
  if (!role) {
    problems.push(`角色「${roleCell}」无效，应为“${ROLE_LABELS.admin}”或“${ROLE_LABELS.editor}”`)
    return []
  }
  if (role === 'cluster') {
    if (!ctx.actor.isClusterAdmin) problems.push(`只有平台管理员可以分配“${CLUSTER_ADMIN_LABEL}”`)
    return [{ siteId: null, role: 'admin' }]
  }
  if (codes.length === 0) {
    problems.push('站点代码不能为空')
    return []
  }
  const grants: GrantInput[] = []
  for (const code of codes) {
    const site = sites.get(code)
    if (!site) problems.push(`站点代码「${code}」不存在`)
    else if (roleOn(ctx.actor, site.id) !== 'admin') {
      problems.push(`您不是站点「${site.name}」的管理员，不能分配该站点的角色`)
    } else grants.push({ siteId: site.id, role })
  }
  return grants
}

function splitCodes(cell: string): string[] {
  return cell.split(/[\s,，、;；]+/).filter(Boolean)
}

/**
 * Creates the checked rows, each through `core.users.create` in its own transaction (user,
 * grants and audit event together, so a failing row leaves nothing behind), with a generated
 * password that must be changed at first sign-in.
 */
export async function importUsers(
  core: Core,
  ctx: RequestContext,
  rows: ImportRow[],
): Promise<ImportResult> {
  const created: ImportResult['created'] = []
  const failed: ImportResult['failed'] = []
  for (const r of rows) {
    try {
      const { user, generatedPassword } = await core.users.create(ctx, {
        username: r.username,
        displayName: r.displayName,
        unit: r.unit,
        phone: r.phone,
        email: r.email,
        grants: r.grants,
      })
      created.push({
        row: r.row,
        username: user.username,
        displayName: user.displayName,
        password: generatedPassword ?? '',
      })
    } catch (e) {
      // Known failures (e.g. the username was taken meanwhile) are reported; others propagate.
      if (!isAppError(e)) throw e
      failed.push({ row: r.row, username: r.username, message: `第 ${r.row} 行：${e.message}` })
    }
  }
  if (created.length) {
    await core.deps.db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: 'user.import',
        entity: 'user',
        diff: { created: created.map((c) => c.username), failed: failed.length },
      }),
    )
  }
  const bytes = await buildXlsx(
    '初始密码',
    [
      { header: '行号', width: 8, value: (c) => c.row },
      { header: '用户名', width: 20, value: (c) => c.username },
      { header: '姓名', width: 16, value: (c) => c.displayName },
      { header: '初始密码', width: 24, value: (c) => c.password },
    ],
    created,
  )
  return { created, failed, passwordsXlsx: bytes.toString('base64') }
}

/** The import template: the header row, a role drop-down, and a sheet of the actor's sites. */
export async function buildImportTemplate(core: Core, ctx: RequestContext): Promise<Buffer> {
  authorizeUserAdmin(ctx.actor)
  const sites = (await core.sites.list(ctx)).filter((s) => roleOn(ctx.actor, s.id) === 'admin')
  const wb = new ExcelJS.Workbook()
  wb.creator = '站群 Zhanqun'
  const ws = wb.addWorksheet('用户')
  ws.columns = IMPORT_COLUMNS.map((h) => ({
    header: h,
    key: h,
    width: h === '站点代码' || h === '单位' ? 24 : 16,
  }))
  ws.getRow(1).font = { bold: true }
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  const roles = [ROLE_LABELS.admin, ROLE_LABELS.editor]
  if (ctx.actor.isClusterAdmin) roles.push(CLUSTER_ADMIN_LABEL)
  const roleCol = IMPORT_COLUMNS.indexOf('角色') + 1
  for (let row = 2; row <= 501; row++) {
    ws.getCell(row, roleCol).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${roles.join(',')}"`],
      showErrorMessage: true,
      errorTitle: '角色无效',
      error: `请选择：${roles.join('、')}`,
    }
  }
  const help = wb.addWorksheet('填写说明')
  help.columns = [
    { header: '说明', key: 'a', width: 30 },
    { header: '', key: 'b', width: 60 },
  ]
  help.getRow(1).font = { bold: true }
  const lines: [string, string][] = [
    [
      '用户名（必填）',
      `${LIMITS.usernameMin}–${LIMITS.usernameMax} 位字母、数字或 _ . @ -，不能与已有用户重复`,
    ],
    ['姓名（必填）', '最多 100 个字'],
    ['单位、电话、邮箱', '选填'],
    ['站点代码（必填）', '见下方站点列表；多个站点用顿号或逗号分隔，角色相同'],
    ['角色（必填）', roles.join('、')],
    ['初始密码', '系统自动生成，导入后只显示一次；用户首次登录须修改密码'],
    ['', ''],
    ['站点代码', '站点名称'],
    ...sites.map((s): [string, string] => [s.code, s.name]),
  ]
  for (const l of lines) help.addRow(l)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
