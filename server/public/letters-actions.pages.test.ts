import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import {
  actOn,
  answerLetter,
  letterWorld,
  writeLetter,
  type LetterWorld,
} from './letters.test-helpers'

const HOST = 'www.letters-actions.gov.cn'
let t: TestApp
let w: LetterWorld
let ip = 0

const post = (url: string, fields: Record<string, string>, remoteAddress = `10.20.0.${++ip}`) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
    remoteAddress,
  })
const stateOf = async (queryCode: string) =>
  t.core.deps.db
    .selectFrom('letter')
    .select(['state', 'rating', 'rating_comment', 'body', 'reopened'])
    .where('query_code', '=', queryCode)
    .executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  w = await letterWorld(t, HOST, 'xzxx-act')
})
afterAll(async () => t.close())

describe(`来信查询 actions without JavaScript (${TEST_DIALECT})`, () => {
  it('offers the rating form for an answered letter and records a rating', async () => {
    const l = await writeLetter(t, w)
    await answerLetter(t, w, l.letterId)
    const creds = { queryCode: l.queryCode, password: l.password }
    const check = await post('/ldxx/check', creds)
    expect(check.statusCode).toBe(200)
    expect(check.headers['cache-control']).toBe('no-store')
    const html = check.body
    expect(html).toContain('<form class="form" method="post" action="/ldxx/rate"')
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend>您对答复是否满意/)
    for (const label of ['满意', '基本满意', '不满意']) expect(html).toContain(`>${label}</label>`)
    expect(html).toContain(`<input type="hidden" name="password" value="${l.password}">`)
    expect(html).toMatch(/请在 \d{4}-\d{2}-\d{2} 前评价/)
    // Not withdrawable once answered; nothing to supplement.
    expect(html).not.toContain('action="/ldxx/withdraw"')
    expect(html).not.toContain('action="/ldxx/supplement"')

    const none = await post('/ldxx/rate', { ...creds, comment: '<b>还行</b>' })
    expect(none.statusCode).toBe(400)
    expect(none.body).toMatch(/role="alert"[\s\S]*请选择满意、基本满意或不满意/)
    expect(none.body).toContain('<a href="#rate-satisfied">请选择评价</a>')
    expect(none.body).toContain('&lt;b&gt;还行&lt;/b&gt;</textarea>')

    const rated = await post('/ldxx/rate', { ...creds, rating: 'satisfied', comment: '处理及时' })
    expect(rated.statusCode).toBe(200)
    expect(rated.headers['cache-control']).toBe('no-store')
    expect(rated.body).toMatch(/role="status">评价已提交/)
    expect(rated.body).toContain('已办结')
    expect(rated.body).not.toContain('action="/ldxx/rate"')
    expect(await stateOf(l.queryCode)).toMatchObject({
      state: 'closed',
      rating: 'satisfied',
      rating_comment: '处理及时',
    })

    const again = await post('/ldxx/rate', { ...creds, rating: 'basically' })
    expect(again.statusCode).toBe(409)
    expect(again.body).toMatch(/role="alert"[\s\S]*该来信当前不能评价/)

    const wrong = await post('/ldxx/rate', { ...creds, password: 'WRONGPW2', rating: 'satisfied' })
    expect(wrong.statusCode).toBe(404)
    expect(wrong.body).toMatch(/role="alert"[\s\S]*查询码或查询密码不正确/)
    expect(wrong.body).not.toContain('WRONGPW2')
  })

  it('sends a first 不满意 back for handling', async () => {
    const l = await writeLetter(t, w)
    await answerLetter(t, w, l.letterId)
    const res = await post('/ldxx/rate', {
      queryCode: l.queryCode,
      password: l.password,
      rating: 'unsatisfied',
      comment: '噪音仍未解决',
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('办理中')
    expect(await stateOf(l.queryCode)).toMatchObject({ state: 'in_progress', reopened: 1 })
  })

  it('shows what to supplement and takes the supplement', async () => {
    const l = await writeLetter(t, w)
    await actOn(t)(w.desk, l.letterId, 'request_info', { message: '请补充施工工地的具体位置。' })
    const creds = { queryCode: l.queryCode, password: l.password }
    const check = await post('/ldxx/check', creds)
    expect(check.body).toContain('请补充材料')
    expect(check.body).toContain('请补充施工工地的具体位置。')
    expect(check.body).toContain('action="/ldxx/supplement"')
    expect(check.body).toContain('action="/ldxx/withdraw"')

    const short = await post('/ldxx/supplement', { ...creds, text: '无' })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('<a href="#supplement-text">请填写补充的内容</a>')
    expect(short.body).toMatch(
      /<textarea id="supplement-text"[^>]*aria-invalid="true"[^>]*>无<\/textarea>/,
    )

    const ok = await post('/ldxx/supplement', {
      ...creds,
      text: '工地在幸福路与人民路交叉口东北角。',
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toMatch(/role="status">补充材料已提交/)
    expect(ok.body).toContain('已提交，等待受理')
    expect(ok.body).not.toContain('action="/ldxx/supplement"')
    const row = await stateOf(l.queryCode)
    expect(row.state).toBe('submitted')
    expect(row.body).toContain('工地在幸福路与人民路交叉口东北角。')

    const twice = await post('/ldxx/supplement', { ...creds, text: '再补充一些其他内容。' })
    expect(twice.statusCode).toBe(409)
    expect(twice.body).toMatch(/role="alert"[\s\S]*该来信当前不需要补充材料/)
  })

  it('withdraws only after a confirmation step', async () => {
    const l = await writeLetter(t, w)
    const creds = { queryCode: l.queryCode, password: l.password }
    const check = await post('/ldxx/check', creds)
    expect(check.body).toContain('action="/ldxx/withdraw"')

    const confirm = await post('/ldxx/withdraw', creds)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.headers['cache-control']).toBe('no-store')
    expect(confirm.body).toContain('确认撤回来信')
    expect(confirm.body).toContain('<input type="hidden" name="confirm" value="1">')
    expect(confirm.body).toContain('action="/ldxx/check"')
    expect((await stateOf(l.queryCode)).state).toBe('submitted')

    const done = await post('/ldxx/withdraw', { ...creds, confirm: '1' })
    expect(done.statusCode).toBe(200)
    expect(done.body).toMatch(/role="status">来信已撤回/)
    expect(done.body).not.toContain('action="/ldxx/withdraw"')
    expect((await stateOf(l.queryCode)).state).toBe('withdrawn')

    // An assigned letter can no longer be withdrawn, even by posting the confirmation.
    const late = await writeLetter(t, w)
    await actOn(t)(w.desk, late.letterId, 'accept', { unitSiteId: w.unit.id })
    const refused = await post('/ldxx/withdraw', {
      queryCode: late.queryCode,
      password: late.password,
      confirm: '1',
    })
    expect(refused.statusCode).toBe(409)
    expect(refused.body).toMatch(/role="alert"[\s\S]*不能撤回/)
    expect((await stateOf(late.queryCode)).state).toBe('assigned')
  })

  it('shows a merged letter the reply of the letter it was merged into', async () => {
    const main = await writeLetter(t, w)
    const dup = await writeLetter(t, w)
    await actOn(t)(w.desk, dup.letterId, 'merge', { into: main.queryCode })
    const creds = { queryCode: dup.queryCode, password: dup.password }
    const before = await post('/ldxx/check', creds)
    expect(before.body).toContain('已与相同来信合并办理')
    expect(before.body).not.toContain('答复内容')
    await answerLetter(t, w, main.letterId, '合并答复：已责令夜间停工。')
    const after = await post('/ldxx/check', creds)
    expect(after.body).toContain('合并答复：已责令夜间停工。')
    expect(after.body).toContain('以下为合并办理的答复')
    expect(after.body).not.toContain('action="/ldxx/rate"')
  })

  it('counts the actions against the check limit and never 500s on odd input', async () => {
    const addr = '10.21.0.1'
    for (let i = 0; i < 20; i++) {
      const res = await post('/ldxx/rate', { queryCode: 'ABCDEFGHJK', password: 'X' }, addr)
      expect(res.statusCode).toBe(404)
    }
    const limited = await post('/ldxx/check', { queryCode: 'ABCDEFGHJK', password: 'X' }, addr)
    expect(limited.statusCode).toBe(429)
    expect(limited.body).toMatch(/role="alert"[\s\S]*提交过于频繁/)

    const empty = await post('/ldxx/supplement', {})
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('<a href="#check-code">请填写查询码</a>')
    const odd = await post('/ldxx/rate', { queryCode: 'x'.repeat(500), password: '\u0000' })
    expect(odd.statusCode).toBe(404)
  })
})
