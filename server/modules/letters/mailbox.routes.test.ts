import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LETTER_LIMITS } from '../../../common/letters'
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
import { insertLetter } from './letter-stats.test-helpers'

let t: TestApp
let portal: Site
let channel: Site
type Session = AdminSession
let clusterAdmin: Session
let siteAdmin: Session
let editor: Session
let channelAdmin: Session
const events: ChangeEvent[] = []

const signIn = (siteId: number | null, role: Role) => signInAs(t, siteId, role)
const call = (
  s: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => adminCall(t, s, method, url, payload)
let seq = 0
const code = () => `box-${Date.now().toString(36)}-${++seq}`

beforeAll(async () => {
  t = await buildTestApp()
  t.bus.subscribe((e) => events.push(e))
  portal = await makePortal(t.core)
  channel = await makeChannel(t.core, portal)
  clusterAdmin = await signIn(null, 'admin')
  siteAdmin = await signIn(portal.id, 'admin')
  editor = await signIn(portal.id, 'editor')
  channelAdmin = await signIn(channel.id, 'admin')
})
afterAll(async () => t.close())

describe(`mailbox administration (${TEST_DIALECT})`, () => {
  it('creates a mailbox with its limits, audits it and announces the change', async () => {
    events.length = 0
    const c = code()
    const res = await call(siteAdmin, 'POST', '/mailboxes', {
      siteId: portal.id,
      code: c,
      name: ' 县长信箱 ',
      description: '向县长反映问题',
      limits: { consult: 3, screen: 2 },
    })
    expect(res.statusCode).toBe(201)
    const box = res.json().data
    expect(box).toMatchObject({
      siteId: portal.id,
      siteName: portal.name,
      code: c,
      name: '县长信箱',
      description: '向县长反映问题',
      sort: 0,
      enabled: true,
      limits: { ...DEFAULT_LETTER_LIMITS, consult: 3, screen: 2 },
      overrides: { consult: 3, screen: 2 },
      letterCount: 0,
      openCount: 0,
    })
    expect(events).toContainEqual({
      action: 'mailbox.change',
      tags: [`mailboxes:${portal.id}`, 'mailboxes'],
    })
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select(['action', 'site_id'])
      .where('entity', '=', 'mailbox')
      .where('entity_id', '=', String(box.id))
      .execute()
    expect(audit).toEqual([{ action: 'mailbox.create', site_id: portal.id }])
  })

  it('lets only the site’s admins and cluster admins write; any role on the site reads', async () => {
    const body = { siteId: portal.id, code: code(), name: '政风行风信箱' }
    expect((await call(null, 'POST', '/mailboxes', body)).statusCode).toBe(401)
    for (const s of [editor, channelAdmin]) {
      const res = await call(s, 'POST', '/mailboxes', body)
      expect(res.statusCode).toBe(403)
      expect(res.json().error).toMatchObject({
        code: 'forbidden',
        message: '只有该站点的管理员可以维护信箱',
      })
    }
    const made = await call(clusterAdmin, 'POST', '/mailboxes', body)
    expect(made.statusCode).toBe(201)
    const id = made.json().data.id
    expect(
      (await call(editor, 'PUT', `/mailboxes/${id}`, { code: body.code, name: 'x' })).statusCode,
    ).toBe(403)
    expect((await call(channelAdmin, 'DELETE', `/mailboxes/${id}`)).statusCode).toBe(403)

    const listed = await call(editor, 'GET', `/mailboxes?siteId=${portal.id}`)
    expect(listed.statusCode).toBe(200)
    expect(listed.json().data.map((m: { code: string }) => m.code)).toContain(body.code)
    expect((await call(channelAdmin, 'GET', `/mailboxes?siteId=${portal.id}`)).statusCode).toBe(403)
    // Without a site: the mailboxes of the sites I work on only.
    const own = await call(channelAdmin, 'GET', '/mailboxes')
    expect(own.json().data.every((m: { siteId: number }) => m.siteId === channel.id)).toBe(true)
    expect((await call(clusterAdmin, 'GET', '/mailboxes?siteId=999999')).statusCode).toBe(404)
  })

  it('refuses bad input with 400, a Chinese message and the field', async () => {
    const bad = async (payload: object) => {
      const res = await call(siteAdmin, 'POST', '/mailboxes', { siteId: portal.id, ...payload })
      expect(res.statusCode).toBe(400)
      expect(res.json().error.code).toBe('invalid')
      return res.json().error as { message: string; fields: Record<string, string> }
    }
    const err = await bad({ code: 'Bad Code', name: '信箱' })
    expect(err.fields.code).toMatch(/^信箱代码须为 2–64 位小写字母/)
    expect((await bad({ code: 'a', name: '信箱' })).fields.code).toBeTruthy()
    expect((await bad({ code: '-ab', name: '信箱' })).fields.code).toBeTruthy()
    expect((await bad({ code: code(), name: '  ' })).fields).toEqual({ name: '信箱名称不能为空' })
    expect((await bad({ code: code(), name: '信'.repeat(101) })).fields).toEqual({
      name: '信箱名称不能超过 100 个字符',
    })
    expect((await bad({ code: code(), name: '信箱', limits: { consult: 61 } })).fields).toEqual({
      'limits.consult': '咨询办理时限不能大于 60',
    })
    expect((await bad({ code: code(), name: '信箱', limits: { sign: -1 } })).fields).toEqual({
      'limits.sign': '签收时限不能小于 0',
    })
    expect((await bad({ code: code(), name: '信箱', limits: { hurry: 1 } })).fields).toEqual({
      'limits.hurry': '不支持的字段：hurry',
    })
    expect((await bad({ code: code(), name: '信箱', limits: { help: 2.5 } })).message).toContain(
      '求助办理时限',
    )
    const missing = await call(clusterAdmin, 'POST', '/mailboxes', {
      siteId: 999999,
      code: code(),
      name: '信箱',
    })
    expect(missing.statusCode).toBe(404)
  })

  it('refuses a code already used anywhere in the cluster with 409', async () => {
    const c = code()
    expect(
      (await call(siteAdmin, 'POST', '/mailboxes', { siteId: portal.id, code: c, name: '甲' }))
        .statusCode,
    ).toBe(201)
    const dup = await call(channelAdmin, 'POST', '/mailboxes', {
      siteId: channel.id,
      code: c,
      name: '乙',
    })
    expect(dup.statusCode).toBe(409)
    expect(dup.json().error).toMatchObject({
      code: 'mailbox_code_taken',
      fields: { code: '信箱代码已被使用' },
    })
    expect(dup.json().error.message).toContain(c)
    const other = await call(channelAdmin, 'POST', '/mailboxes', {
      siteId: channel.id,
      code: code(),
      name: '乙',
    })
    const renamed = await call(channelAdmin, 'PUT', `/mailboxes/${other.json().data.id}`, {
      code: c,
      name: '乙',
    })
    expect(renamed.statusCode).toBe(409)
    expect(renamed.json().error.code).toBe('mailbox_code_taken')
  })

  it('answers 409, never 500, when the same code is created concurrently', async () => {
    const c = code()
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(siteAdmin, 'POST', '/mailboxes', { siteId: portal.id, code: c, name: '并发信箱' }),
      ),
    )
    const statuses = results.map((r) => r.statusCode).sort()
    expect(statuses).toEqual([201, 409, 409, 409, 409])
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().error.code).toBe('mailbox_code_taken')
    }
  })

  it('updates a mailbox, keeping what the request leaves out, and clears overrides with {}', async () => {
    const c = code()
    const made = await call(siteAdmin, 'POST', '/mailboxes', {
      siteId: portal.id,
      code: c,
      name: '部门信箱',
      description: '说明',
      sort: 5,
      limits: { complaint: 15 },
    })
    const id = made.json().data.id
    events.length = 0
    const kept = await call(siteAdmin, 'PUT', `/mailboxes/${id}`, {
      code: c,
      name: '部门来信',
      enabled: false,
    })
    expect(kept.statusCode).toBe(200)
    expect(kept.json().data).toMatchObject({
      name: '部门来信',
      description: '说明',
      sort: 5,
      enabled: false,
      overrides: { complaint: 15 },
      limits: { complaint: 15, consult: 5 },
    })
    expect(events.map((e) => e.tags)).toEqual([[`mailboxes:${portal.id}`, 'mailboxes']])
    const cleared = await call(siteAdmin, 'PUT', `/mailboxes/${id}`, {
      code: c,
      name: '部门来信',
      limits: {},
    })
    expect(cleared.json().data).toMatchObject({
      overrides: {},
      limits: DEFAULT_LETTER_LIMITS,
      enabled: false,
    })
    expect(
      (await call(siteAdmin, 'PUT', '/mailboxes/999999', { code: c, name: 'x' })).statusCode,
    ).toBe(404)
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'mailbox')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'mailbox.create',
      'mailbox.update',
      'mailbox.update',
    ])
  })

  it('counts letters and open letters, and refuses to delete a mailbox that has any', async () => {
    const made = await call(siteAdmin, 'POST', '/mailboxes', {
      siteId: portal.id,
      code: code(),
      name: '在用信箱',
    })
    const id = made.json().data.id
    const db = t.core.deps.db
    for (const state of ['submitted', 'in_progress', 'answered', 'withdrawn']) {
      await insertLetter(db, {
        mailboxId: id,
        siteId: portal.id,
        receivedAt: new Date().toISOString(),
        state,
      })
    }
    const listed = await call(siteAdmin, 'GET', `/mailboxes?siteId=${portal.id}`)
    expect(listed.json().data.find((m: { id: number }) => m.id === id)).toMatchObject({
      letterCount: 4,
      openCount: 2,
    })
    events.length = 0
    const del = await call(siteAdmin, 'DELETE', `/mailboxes/${id}`)
    expect(del.statusCode).toBe(409)
    expect(del.json().error.code).toBe('mailbox_in_use')
    expect(del.json().error.message).toBe(
      '信箱“在用信箱”已有来信，不能删除；如不再使用，请将其停用',
    )
    expect(events).toEqual([])

    const empty = await call(siteAdmin, 'POST', '/mailboxes', {
      siteId: portal.id,
      code: code(),
      name: '空信箱',
    })
    const emptyId = empty.json().data.id
    events.length = 0
    expect((await call(siteAdmin, 'DELETE', `/mailboxes/${emptyId}`)).statusCode).toBe(200)
    expect(events).toEqual([
      { action: 'mailbox.change', tags: [`mailboxes:${portal.id}`, 'mailboxes'] },
    ])
    expect((await call(siteAdmin, 'DELETE', `/mailboxes/${emptyId}`)).statusCode).toBe(404)
    const audit = await db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'mailbox')
      .where('entity_id', '=', String(emptyId))
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['mailbox.create', 'mailbox.delete'])
  })
})

describe(`routing rules over HTTP (${TEST_DIALECT})`, () => {
  it('replaces a site’s rules in order, names them, and audits the change', async () => {
    const box = (
      await call(siteAdmin, 'POST', '/mailboxes', {
        siteId: portal.id,
        code: code(),
        name: '县长信箱',
      })
    ).json().data
    const res = await call(siteAdmin, 'PUT', `/sites/${portal.id}/letter-routes`, {
      routes: [
        {
          mailboxId: box.id,
          type: 'complaint',
          categoryPrefix: ' 城乡建设 / 住房 /',
          unitSiteId: channel.id,
        },
        { mailboxId: null, type: '', categoryPrefix: '', unitSiteId: portal.id },
      ],
    })
    expect(res.statusCode).toBe(200)
    const routes = res.json().data
    expect(routes).toMatchObject([
      {
        mailboxId: box.id,
        mailboxName: '县长信箱',
        type: 'complaint',
        categoryPrefix: '城乡建设/住房',
        unitSiteId: channel.id,
        unitName: channel.name,
        sort: 0,
      },
      {
        mailboxId: null,
        mailboxName: '',
        type: '',
        categoryPrefix: '',
        unitSiteId: portal.id,
        sort: 1,
      },
    ])
    const read = await call(editor, 'GET', `/sites/${portal.id}/letter-routes`)
    expect(read.statusCode).toBe(200)
    expect(read.json().data).toEqual(routes)
    const audit = await t.core.deps.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'letter_route.replace')
      .where('site_id', '=', portal.id)
      .execute()
    expect(audit).toHaveLength(1)
    const none = await call(siteAdmin, 'PUT', `/sites/${portal.id}/letter-routes`, { routes: [] })
    expect(none.json().data).toEqual([])
  })

  it('refuses rules naming another site’s mailbox, an unknown unit or type', async () => {
    const foreign = (
      await call(channelAdmin, 'POST', '/mailboxes', {
        siteId: channel.id,
        code: code(),
        name: '局长信箱',
      })
    ).json().data
    const res = await call(siteAdmin, 'PUT', `/sites/${portal.id}/letter-routes`, {
      routes: [
        { mailboxId: null, type: '', categoryPrefix: '', unitSiteId: channel.id },
        { mailboxId: foreign.id, type: '', categoryPrefix: '', unitSiteId: 999999 },
      ],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({
      code: 'invalid',
      fields: {
        'routes.1.mailboxId': '信箱不存在或不属于本站点',
        'routes.1.unitSiteId': '承办单位（站点）不存在',
      },
    })
    expect(res.json().error.message).toMatch(/^第 2 条规则：/)
    const type = await call(siteAdmin, 'PUT', `/sites/${portal.id}/letter-routes`, {
      routes: [{ mailboxId: null, type: 'praise', categoryPrefix: '', unitSiteId: channel.id }],
    })
    expect(type.statusCode).toBe(400)
    expect(type.json().error.fields['routes.0.type']).toBe('来信类型的取值无效')
    const forbidden = await call(editor, 'PUT', `/sites/${portal.id}/letter-routes`, { routes: [] })
    expect(forbidden.statusCode).toBe(403)
    expect((await call(channelAdmin, 'GET', `/sites/${portal.id}/letter-routes`)).statusCode).toBe(
      403,
    )
    expect((await call(clusterAdmin, 'GET', '/sites/999999/letter-routes')).statusCode).toBe(404)
  })
})
