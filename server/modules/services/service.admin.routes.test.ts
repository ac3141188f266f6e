import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeEvent } from '../../events'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import {
  adminCall,
  makeChannel,
  makePortal,
  signInAs,
  type AdminSession,
} from '../../test/factories'
import type { Role } from '../../../common/permissions'
import type { Site } from '../sites/site.repository'
import {
  completeInput,
  multipart,
  PDF,
  uploadForm,
  workbook,
  xlsxBytes,
} from './service.test-helpers'

let t: TestApp
let portal: Site
let unitA: Site
let unitB: Site
type Session = AdminSession
let admin: Session
let editorA: Session
let portalAdmin: Session
const events: ChangeEvent[] = []

const signIn = (siteId: number | null, role: Role) => signInAs(t, siteId, role)
const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => adminCall(t, s, method, url, payload)
const count = async () =>
  Number(
    (
      await t.core.deps.db
        .selectFrom('service_item')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  t = await buildTestApp()
  t.bus.subscribe((e) => events.push(e))
  portal = await makePortal(t.core)
  unitA = await makeChannel(t.core, portal)
  unitB = await makeChannel(t.core, portal)
  admin = await signIn(null, 'admin')
  editorA = await signIn(unitA.id, 'editor')
  portalAdmin = await signIn(portal.id, 'admin')
})
afterAll(async () => t.close())

describe(`service items: editing (${TEST_DIALECT})`, () => {
  it('creates a complete item with forms, audits it and announces the change', async () => {
    events.length = 0
    const template = await uploadForm(t.core, unitA.id, '申请表.pdf', PDF)
    const sample = await uploadForm(t.core, unitA.id, '样表.xlsx', await xlsxBytes())
    const input = completeInput(unitA.id, {
      code: 'A-0001',
      materials: [
        {
          name: '结婚登记申请表',
          templateFileId: template.id,
          sampleFileId: sample.id,
          copies: '1 份',
        },
      ],
    })
    const res = await call(editorA, 'POST', '/services', input)
    expect(res.statusCode).toBe(201)
    const item = res.json().data
    expect(item).toMatchObject({
      code: 'A-0001',
      unitName: unitA.name,
      missingElements: [],
      themes: ['p12'],
      feeFree: true,
    })
    expect(item.materials[0].template).toMatchObject({
      fileId: template.id,
      type: 'pdf',
      fileName: '申请表.pdf',
    })
    expect(item.materials[0].template.url).toMatch(/^\/files\/[0-9a-f]{64}\.pdf$/)
    expect(item.materials[0].sample.type).toBe('xlsx')
    expect(events).toContainEqual({
      action: 'service.change',
      tags: ['services', `service-item:${item.id}`, `services-site:${unitA.id}`],
    })
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'service_item')
      .where('entity_id', '=', String(item.id))
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['service.create'])
  })

  it('records which key elements are missing', async () => {
    const res = await call(admin, 'POST', '/services', {
      name: '临时救助申请',
      unitSiteId: unitB.id,
      kind: 'public_service',
      audience: 'person',
      basis: '《社会救助暂行办法》',
      phone: '无',
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.missingElements).toEqual([
      'conditions',
      'materials',
      'location',
      'hours',
      'phone',
      'process',
    ])
    expect(res.json().data.code).toMatch(/^SX[0-9A-F]{14}$/)
  })

  it('refuses another unit’s items to an editor and a portal admin, but lets the cluster admin', async () => {
    expect((await call(editorA, 'POST', '/services', completeInput(unitB.id))).statusCode).toBe(403)
    expect((await call(portalAdmin, 'POST', '/services', completeInput(unitA.id))).statusCode).toBe(
      403,
    )
    const created = await call(admin, 'POST', '/services', completeInput(unitB.id))
    expect(created.statusCode).toBe(201)
    const id = created.json().data.id
    expect(
      (await call(editorA, 'PUT', `/services/${id}`, completeInput(unitB.id))).statusCode,
    ).toBe(403)
    expect((await call(editorA, 'DELETE', `/services/${id}`)).statusCode).toBe(403)
    expect((await call(editorA, 'GET', `/services/${id}`)).statusCode).toBe(403)
    expect((await call(null, 'GET', '/services')).statusCode).toBe(401)
  })

  it('explains bad input in Chinese with the field, never a 500', async () => {
    const res = await call(admin, 'POST', '/services', {
      ...completeInput(unitA.id),
      name: '  ',
      themes: ['x99'],
      onlineUrl: 'javascript:alert(1)',
      materials: [{ name: '', templateUrl: 'ftp://x/y.doc' }],
    })
    expect(res.statusCode).toBe(400)
    const body = res.json().error
    expect(body.code).toBe('invalid')
    expect(body.fields).toMatchObject({
      name: '事项名称不能为空',
      themes: '未知的主题：x99',
      onlineUrl: expect.stringContaining('http'),
      'materials.0.name': expect.any(String),
      'materials.0.templateUrl': expect.any(String),
    })
    const dup = await call(admin, 'POST', '/services', completeInput(unitA.id, { code: 'A-0001' }))
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error.code).toBe('service_code_taken')
    const foreignFile = await uploadForm(
      t.core,
      unitB.id,
      'b.pdf',
      Buffer.concat([PDF, Buffer.from('b')]),
    )
    const stolen = await call(editorA, 'POST', '/services', {
      ...completeInput(unitA.id),
      materials: [{ name: '表', templateFileId: foreignFile.id }],
    })
    expect(stolen.statusCode).toBe(400)
    expect(stolen.json().error.fields['materials.0.templateFileId']).toContain('无权使用')
    expect((await call(admin, 'POST', '/services', { name: 1 })).statusCode).toBe(400)
  })

  it('lists with filters, scoped to the editor’s unit', async () => {
    const legal = await call(
      admin,
      'POST',
      '/services',
      completeInput(unitB.id, {
        name: '食品经营许可证核发',
        audience: 'legal',
        themes: ['l02'],
        kind: 'licence',
      }),
    )
    expect(legal.statusCode).toBe(201)
    const mine = await call(editorA, 'GET', '/services')
    expect(mine.json().data.every((s: { unitSiteId: number }) => s.unitSiteId === unitA.id)).toBe(
      true,
    )
    const byTheme = await call(admin, 'GET', '/services?theme=l02')
    expect(byTheme.json().data.map((s: { name: string }) => s.name)).toEqual(['食品经营许可证核发'])
    const byAudience = await call(admin, 'GET', '/services?audience=legal')
    expect(byAudience.json().total).toBe(1)
    const incomplete = await call(admin, 'GET', '/services?incomplete=true')
    expect(incomplete.json().data.map((s: { name: string }) => s.name)).toEqual(['临时救助申请'])
    const q = await call(admin, 'GET', `/services?q=${encodeURIComponent('食品经营')}`)
    expect(q.json().total).toBe(1)
    const paged = await call(admin, 'GET', '/services?pageSize=2&page=2')
    expect(paged.json().data.length).toBeLessThanOrEqual(2)
    expect(paged.json().total).toBeGreaterThanOrEqual(4)
  })

  it('updates an item with its materials replaced, and deletes it', async () => {
    const created = (await call(editorA, 'POST', '/services', completeInput(unitA.id))).json().data
    const res = await call(editorA, 'PUT', `/services/${created.id}`, {
      ...completeInput(unitA.id, { name: '出生登记' }),
      materials: [],
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({
      code: created.code,
      name: '出生登记',
      missingElements: ['materials'],
    })
    expect((await call(editorA, 'DELETE', `/services/${created.id}`)).statusCode).toBe(200)
    expect((await call(editorA, 'GET', `/services/${created.id}`)).statusCode).toBe(404)
  })
})

describe(`service items: xlsx (${TEST_DIALECT})`, () => {
  it('exports and re-imports the same items (matched by code)', async () => {
    const exported = await call(admin, 'GET', '/services/export.xlsx')
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-type']).toContain('spreadsheetml')
    const before = await count()
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(admin, multipart(exported.rawPayload)),
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().data).toMatchObject({ created: 0, updated: before, total: before })
    expect(await count()).toBe(before)
    const again = (await call(admin, 'GET', '/services?q=A-0001')).json().data[0]
    const detail = (await call(admin, 'GET', `/services/${again.id}`)).json().data
    expect(detail.materials[0].template.fileId).not.toBeNull()
    expect(detail.themes).toEqual(['p12'])
  })

  it('refuses a file with wrong columns', async () => {
    const bytes = await workbook(['名称', '部门'], [['结婚登记', unitA.code]])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(admin, multipart(bytes)),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'import_invalid' })
    expect(res.json().error.message).toContain('事项名称')
  })

  it('imports nothing when any row is wrong, and names every bad row', async () => {
    const before = await count()
    const headers = ['事项编码', '事项名称', '实施主体', '事项类型', '服务对象', '主题']
    const bytes = await workbook(headers, [
      ['N-1', '好的事项一', unitA.code, '行政许可', '个人', '户籍办理'],
      ['', '', '', '', '', ''],
      ['N-2', '好的事项二', unitA.name, '', '法人', '设立变更'],
      ['N-3', '单位不存在', '不存在的局', '', '', ''],
      ['N-1', '编码重复', unitA.code, '', '', ''],
      ['N-5', '类型不对', unitA.code, '审批', '', ''],
      ['N-6', '别人的', unitB.code, '', '', ''],
      ['N-7', '名字·𠮷', unitA.code, '', '', '不存在的主题'],
    ])
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(editorA, multipart(bytes)),
    })
    expect(res.statusCode).toBe(400)
    const fields = res.json().error.fields as Record<string, string>
    expect(Object.keys(fields).sort()).toEqual(['rows.5', 'rows.6', 'rows.7', 'rows.8', 'rows.9'])
    expect(fields['rows.5']).toContain('不存在的局')
    expect(fields['rows.6']).toContain('与第 2 行重复')
    expect(fields['rows.8']).toContain('无权维护')
    expect(fields['rows.9']).toContain('不存在的主题')
    expect(await count()).toBe(before)
  })

  it('refuses merged cells with their rows, and imports a clean file with unusual names', async () => {
    const headers = ['事项名称', '实施主体']
    const merged = await workbook(
      headers,
      [
        ['甲', unitA.code],
        ['乙', unitA.code],
      ],
      (ws) => ws.mergeCells('B2:B3'),
    )
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(admin, multipart(merged)),
    })
    expect(res.statusCode).toBe(400)
    expect(Object.keys(res.json().error.fields)).toEqual(['rows.2', 'rows.3'])
    const ok = await workbook(headers, [['阿依古丽·买买提的𠮷字事项', unitA.code]])
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(editorA, multipart(ok)),
    })
    expect(imported.statusCode).toBe(200)
    expect(imported.json().data.created).toBe(1)
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(editorA, multipart(ok)),
    })
    expect(again.json().data).toMatchObject({ created: 0, updated: 1 })
  })

  it('refuses a 100,000-row file with a clear message and imports nothing', async () => {
    const before = await count()
    const rows = Array.from({ length: 100_000 }, (_, i) => [`事项${i}`, unitA.code])
    const bytes = await workbook(['事项名称', '实施主体'], rows)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(admin, multipart(bytes)),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.message).toBe(
      '一次最多导入 5000 个事项，文件中有 100000 行，请分批导入',
    )
    expect(await count()).toBe(before)
  }, 60_000)

  it('refuses a file that is not a spreadsheet', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/services/import',
      ...merge(admin, multipart(PDF)),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.fields.file).toBeTruthy()
  })
})

function merge(s: Session, body: { payload: Buffer; headers: Record<string, string> }) {
  return { payload: body.payload, headers: { ...s.headers, ...body.headers } }
}
