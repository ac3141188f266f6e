import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import {
  actOn,
  answerLetter,
  letterWorld,
  publishLetter,
  writeLetter,
  type LetterWorld,
} from './letters.test-helpers'

const HOST = 'www.letters-published.gov.cn'
let t: TestApp
let w: LetterWorld
let published: { letterId: number }
let hidden: { letterId: number }

const get = (url: string) => t.app.inject({ url, headers: { host: HOST } })
/** What must never reach a public page: the writer and the unredacted texts. */
const PERSONAL = [
  '王秘密',
  '13800138000',
  '1380013',
  'secret.writer',
  '原始标题',
  '原始答复',
  '张三',
]

beforeAll(async () => {
  t = await buildTestApp({ captcha: 'off' })
  w = await letterWorld(t, HOST, 'xzxx-pub')
  published = await writeLetter(t, w)
  await answerLetter(t, w, published.letterId)
  await publishLetter(t, w, published.letterId, 'A')
  hidden = await writeLetter(t, w)
  await answerLetter(t, w, hidden.letterId)
})
afterAll(async () => t.close())

describe(`公开来信 pages (${TEST_DIALECT})`, () => {
  it('lists the published letters with their redacted subject only', async () => {
    const res = await get('/ldxx/letters/')
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1 class="page-title">公开来信</h1>')
    expect(html).toContain(`<a href="/ldxx/letters/${published.letterId}">公开标题A</a>`)
    for (const th of ['标题', '类型', '收信日期', '答复日期', '承办单位']) {
      expect(html).toContain(`<th scope="col">${th}</th>`)
    }
    expect(html).toContain('<td>投诉</td>')
    expect(html).toContain('测试县住房和城乡建设局')
    expect(html).not.toContain(`/ldxx/letters/${hidden.letterId}"`)
    for (const p of PERSONAL) expect(html).not.toContain(p)
    expect(t.cache.get(`${HOST}/ldxx/letters/`)).toBeDefined()
  })

  it('shows one published letter: redacted body and reply, dates and the unit', async () => {
    const res = await get(`/ldxx/letters/${published.letterId}`)
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1 class="page-title">公开标题A</h1>')
    expect(html).toMatch(/<h2 id="letter-body-title">来信内容<\/h2>\s*<div[^>]*>公开来信内容A/)
    expect(html).toMatch(/<h2 id="letter-reply-title">答复内容<\/h2>\s*<div[^>]*>公开答复内容A/)
    expect(html).toMatch(/收信日期<\/dt><dd><time datetime="\d{4}-\d{2}-\d{2}"/)
    expect(html).toContain('测试县住房和城乡建设局')
    for (const p of PERSONAL) expect(html).not.toContain(p)
  })

  it('answers 404 for an unpublished, unknown or foreign letter', async () => {
    expect((await get(`/ldxx/letters/${hidden.letterId}`)).statusCode).toBe(404)
    expect((await get('/ldxx/letters/999999')).statusCode).toBe(404)
    const redirect = await get('/ldxx/letters')
    expect(redirect.statusCode).toBe(301)
    expect(redirect.headers.location).toBe('/ldxx/letters/')
    // Another site's column does not show this site's letters.
    const other = await letterWorld(t, 'www.letters-other.gov.cn', 'xzxx-other')
    void other
    const foreign = await t.app.inject({
      url: `/ldxx/letters/${published.letterId}`,
      headers: { host: 'www.letters-other.gov.cn' },
    })
    expect(foreign.statusCode).toBe(404)
  })

  it('follows publish and unpublish through the cache tags', async () => {
    const first = await get('/ldxx/letters/')
    expect(first.body).not.toContain('公开标题B')
    await publishLetter(t, w, hidden.letterId, 'B')
    const listed = await get('/ldxx/letters/')
    expect(listed.body).toContain('公开标题B')
    const detail = await get(`/ldxx/letters/${hidden.letterId}`)
    expect(detail.statusCode).toBe(200)
    expect(t.cache.get(`${HOST}/ldxx/letters/${hidden.letterId}`)).toBeDefined()

    await actOn(t)(w.desk, hidden.letterId, 'unpublish', { reason: '来信人要求' })
    expect(t.cache.get(`${HOST}/ldxx/letters/${hidden.letterId}`)).toBeUndefined()
    expect((await get(`/ldxx/letters/${hidden.letterId}`)).statusCode).toBe(404)
    expect((await get('/ldxx/letters/')).body).not.toContain('公开标题B')
  })

  it('pages 20 at a time, newest published first, and links the list from the mailbox', async () => {
    const site = await letterWorld(t, 'www.letters-many.gov.cn', 'xzxx-many')
    const ids: number[] = []
    for (let i = 0; i < 21; i++) ids.push((await writeLetter(t, site)).letterId)
    for (const [i, id] of ids.entries()) {
      await t.core.deps.db
        .updateTable('letter')
        .set({
          state: 'closed',
          published: 1,
          public_subject: `批量公开${String(i).padStart(2, '0')}`,
          public_body: '内容',
          public_reply: '答复',
          published_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
        })
        .where('id', '=', id)
        .execute()
    }
    const many = (url: string) =>
      t.app.inject({ url, headers: { host: 'www.letters-many.gov.cn' } })
    const p1 = await many('/ldxx/letters/')
    expect(p1.body).toContain('共 21 条')
    expect(p1.body.indexOf('批量公开20')).toBeLessThan(p1.body.indexOf('批量公开19'))
    expect(p1.body).not.toContain('批量公开00')
    const p2 = await many('/ldxx/letters/?page=2')
    expect(p2.statusCode).toBe(200)
    expect(p2.body).toContain('批量公开00')
    expect((await many('/ldxx/letters/?page=3')).statusCode).toBe(404)
    const mailbox = await many('/ldxx/')
    expect(mailbox.body).toContain('<a href="/ldxx/letters/">查看公开来信</a>')
  })
})
