import nodemailer from 'nodemailer'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/build-test-app'
import { makeUser, systemCtx, userCtx } from '../../test/factories'
import { Mailer } from './mailer'
import { NotificationService } from './notification.service'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(async () => t.close())

describe('notifications', () => {
  it('stores notifications per user, counts unread, marks read; emails only those with an address', async () => {
    const sent: { to: string; subject: string }[] = []
    const transport = nodemailer.createTransport({ jsonTransport: true })
    transport.on('idle', () => {})
    const mailer = new Mailer(null, 'web@sxx.gov.cn', pino({ level: 'silent' }), transport)
    const orig = transport.sendMail.bind(transport)
    transport.sendMail = ((m: { to: string; subject: string }) => {
      sent.push({ to: m.to, subject: m.subject })
      return orig(m)
    }) as typeof transport.sendMail
    const service = new NotificationService(t.core.deps, mailer)
    const a = await makeUser(t.core, [])
    const b = await makeUser(t.core, [])
    await t.core.users.update(systemCtx, a.id, { email: 'a@sxx.gov.cn' })
    const mails = await t.core.deps.db.transaction().execute((trx) =>
      service.notify(trx, [a.id, b.id, a.id], {
        kind: 'review.waiting',
        title: '待审核：关于冬季防火的通知',
        entity: 'review',
        entityId: 7,
      }),
    )
    expect(mails).toEqual([
      expect.objectContaining({
        to: 'a@sxx.gov.cn',
        subject: '【站群】待审核：关于冬季防火的通知',
      }),
    ])
    service.deliver(mails)
    await new Promise((r) => setTimeout(r, 50))
    expect(sent).toEqual([{ to: 'a@sxx.gov.cn', subject: '【站群】待审核：关于冬季防火的通知' }])

    const ctxA = await userCtx(t.core, a.id)
    const list = await service.list(ctxA, {})
    expect(list.total).toBe(1)
    expect(list.unread).toBe(1)
    expect(await service.markRead(ctxA, list.rows[0]?.id as number)).toBe(1)
    expect((await service.list(ctxA, { unread: true })).total).toBe(0)
    // Someone else's notification is not mine to mark.
    const ctxB = await userCtx(t.core, b.id)
    const other = (await service.list(ctxB, {})).rows[0]?.id as number
    expect(await service.markRead(ctxA, other)).toBe(0)
  })

  it('sends nothing by email when SMTP is not configured', async () => {
    const service = new NotificationService(t.core.deps)
    expect(service.mailer.enabled).toBe(false)
    const u = await makeUser(t.core, [])
    await t.core.users.update(systemCtx, u.id, { email: 'u@sxx.gov.cn' })
    const mails = await t.core.deps.db
      .transaction()
      .execute((trx) => service.notify(trx, [u.id], { kind: 'job.failed', title: '定时发布失败' }))
    expect(mails).toEqual([])
    expect((await service.list(await userCtx(t.core, u.id), {})).total).toBe(1)
  })
})
