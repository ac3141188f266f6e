import type { TestApp } from '../test/build-test-app'
import { makeChannel, makeColumn, makePortal, makeUser, userCtx } from '../test/factories'
import type { Site } from '../modules/sites/site.repository'
import type { RequestContext } from '../modules/users/actor'
import { mailboxRepository } from '../modules/letters/mailbox.repository'

/** A portal with a 信箱 column `ldxx`, mailbox `code`, a handling unit and its people. */
export interface LetterWorld {
  portal: Site
  unit: Site
  desk: RequestContext
  handler: RequestContext
  mailboxId: number
  code: string
}

export async function letterWorld(t: TestApp, host: string, code: string): Promise<LetterWorld> {
  const portal = await makePortal(t.core, { hosts: [host] })
  const unit = await makeChannel(t.core, portal, { name: '测试县住房和城乡建设局' })
  await makeColumn(t.core, portal, { name: '领导信箱', slug: 'ldxx', type: 'letters' })
  const mailboxId = await mailboxRepository.insert(t.core.deps.db, {
    siteId: portal.id,
    code,
    name: '县长信箱',
  })
  const desk = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: portal.id, role: 'admin' }])).id,
  )
  const handler = await userCtx(
    t.core,
    (await makeUser(t.core, [{ siteId: unit.id, role: 'editor' }])).id,
  )
  return { portal, unit, desk, handler, mailboxId, code }
}

let n = 0

/** A letter written through the intake (captcha off), with personal data to look for. */
export async function writeLetter(t: TestApp, w: LetterWorld, extra: { subject?: string } = {}) {
  n++
  return t.core.letterIntake.submit({
    mailbox: w.code,
    type: 'complaint',
    subject: extra.subject ?? `原始标题：幸福路夜间施工噪音${n}`,
    body: `我叫王秘密，住幸福路12号，电话13800138000，夜间施工噪音很大。${n}`,
    name: '王秘密',
    mobile: `1380013${String(8000 + n).padStart(4, '0')}`,
    email: 'secret.writer@example.com',
    public: true,
  })
}

type Act = (ctx: RequestContext, id: number, action: string, body?: object) => Promise<void>

export const actOn =
  (t: TestApp): Act =>
  (ctx, id, action, body = {}) =>
    t.core.letters.act(ctx, id, action as never, body as Record<string, unknown>)

/** Drives a submitted letter to `answered` the way the desk and the unit would. */
export async function answerLetter(
  t: TestApp,
  w: LetterWorld,
  letterId: number,
  reply = '原始答复：已责令施工单位夜间停工，联系人张三 13900001111。',
) {
  const act = actOn(t)
  await act(w.desk, letterId, 'accept', { unitSiteId: w.unit.id })
  await act(w.handler, letterId, 'sign')
  await act(w.handler, letterId, 'submit_reply', { reply })
  await act(w.desk, letterId, 'approve_reply')
}

/** Publishes an answered letter with redacted copies. */
export async function publishLetter(t: TestApp, w: LetterWorld, letterId: number, tag: string) {
  await actOn(t)(w.desk, letterId, 'publish', {
    subject: `公开标题${tag}`,
    body: `公开来信内容${tag}：幸福路夜间施工噪音扰民。`,
    reply: `公开答复内容${tag}：已责令施工单位夜间停工。`,
  })
}
