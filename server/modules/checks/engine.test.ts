import { describe, expect, it } from 'vitest'
import type { CheckRule, Finding, RuleSeverity } from '../../../common/checks'
import { htmlToText } from '../articles/rich-text'
import { bodyText } from './body-text'
import { hasBlocking } from './check.types'
import {
  checkDocument,
  compileConfig,
  runChecks,
  type EngineInput,
  type LexiconLists,
} from './engine'
import { loadDictionaries, seedEntries } from './lexicon-data'
import { idCheckChar, isIdNumber, luhnValid } from './personal-data'

const seed = seedEntries()
const LISTS: LexiconLists = {
  wrong: [
    ...seed.filter((e) => e.kind === 'wrong'),
    // Contrived: a wrong form that is part of its own correct form.
    { term: '副书', replacement: '副书记' },
  ],
  sensitive: [{ term: '赌博网址', note: '测试用' }, ...seed.filter((e) => e.kind === 'sensitive')],
  protected: [
    { term: '王建国', replacement: '县委书记/县长' },
    { term: '李红', note: '副县长' },
  ],
  adDomains: seed.filter((e) => e.kind === 'ad_domain').map((e) => e.term),
}
const config = (severities: Partial<Record<CheckRule, RuleSeverity>> = {}) =>
  compileConfig({ severities, lists: LISTS, dictionaries: loadDictionaries() })
const CONFIG = config()
const NOW = new Date('2026-11-25T08:00:00Z')

/** Checks a body given as plain paragraphs; asserts every offset points at its excerpt. */
function check(body: string, extra: Partial<EngineInput> = {}, cfg = CONFIG): Finding[] {
  const bodyHtml =
    extra.bodyHtml ??
    body
      .split('\n')
      .map((l) => `<p>${l}</p>`)
      .join('')
  const findings = runChecks({ title: '', now: NOW, ...extra, bodyHtml }, cfg)
  const text = htmlToText(bodyHtml)
  for (const f of findings) {
    if (f.field === 'body' && f.length > 0)
      expect(text.slice(f.offset, f.offset + f.length)).toBe(f.excerpt)
    if (f.field === 'title' && f.length > 0) {
      expect((extra.title ?? '').slice(f.offset, f.offset + f.length)).toBe(f.excerpt)
    }
  }
  return findings
}
const rules = (fs: Finding[], rule: CheckRule) => fs.filter((f) => f.rule === rule)
const excerpts = (fs: Finding[], rule: CheckRule) => rules(fs, rule).map((f) => f.excerpt)

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function rng(seedValue: number): () => number {
  let a = seedValue
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const digits = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('')

function randomId(r: () => number): string {
  const region = `${1 + Math.floor(r() * 8)}${digits(r, 5)}`
  const start = Date.UTC(1900, 0, 1)
  const day = new Date(start + Math.floor(r() * (NOW.getTime() - start)))
  const birth = day.toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `${region}${birth}${digits(r, 3)}`
  return first17 + idCheckChar(first17)
}

const CARD_PREFIXES = ['62', '622', '6217', '4', '51', '52', '53', '54', '55', '35', '60', '2221']
function randomCard(r: () => number): string {
  const prefix = CARD_PREFIXES[Math.floor(r() * CARD_PREFIXES.length)] as string
  const length = 16 + Math.floor(r() * 4)
  const body = prefix + digits(r, length - 1 - prefix.length)
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d
  throw new Error('unreachable')
}

describe('body text', () => {
  it('is exactly htmlToText, with links placed on their text', () => {
    const html =
      '<h2> 标题 </h2><p>第一段&nbsp;&nbsp;文字<a href="/a">链接　文字</a>。</p><p>  </p>' +
      '<table><tr><td>单元格</td><td><img src="/files/x.png" alt="图"></td></tr></table><br><p>\u3000\u3000末段<a href="/b"></a></p>'
    const body = bodyText(html)
    expect(body.text).toBe(htmlToText(html))
    const link = body.refs.find((r) => r.url === '/a')
    expect(body.text.slice(link?.offset, (link?.offset ?? 0) + (link?.length ?? 0))).toBe(
      '链接　文字',
    )
    expect(body.refs.find((r) => r.kind === 'image')?.alt).toBe('图')
  })
})

describe('id_number', () => {
  it('catches 1,000 generated valid ID numbers, in text and at the edges', () => {
    const r = rng(42)
    for (let i = 0; i < 1000; i++) {
      const id = randomId(r)
      expect(isIdNumber(id, NOW)).toBe(true)
      const fs = check(i % 2 ? `申请人身份证号：${id}，住址略。` : id)
      expect(excerpts(fs, 'id_number')).toEqual([id])
      expect(rules(fs, 'bank_card')).toEqual([])
      expect(rules(fs, 'id_number')[0]?.severity).toBe('blocking')
    }
  })

  it('does not catch the same numbers with a wrong check character', () => {
    const r = rng(7)
    for (let i = 0; i < 1000; i++) {
      const id = randomId(r)
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : id[17] === 'X' ? '0' : 'X')
      expect(excerpts(check(`号码 ${wrong} 。`), 'id_number')).toEqual([])
    }
  })

  it('needs a real birth date, a region starting 1–8 and no digits or letters around it', () => {
    const first = '11010520990101001' // born in 2099
    expect(rules(check(first + idCheckChar(first)), 'id_number')).toEqual([])
    const feb30 = '11010519900230001'
    expect(rules(check(feb30 + idCheckChar(feb30)), 'id_number')).toEqual([])
    const region9 = '91010519900101001'
    expect(rules(check(region9 + idCheckChar(region9)), 'id_number')).toEqual([])
    const ok = '11010519491231002X'
    expect(rules(check(`A${ok}`), 'id_number')).toEqual([])
    expect(rules(check(`${ok}7`), 'id_number')).toEqual([])
    expect(excerpts(check(`${ok.toLowerCase()}`), 'id_number')).toEqual([ok.toLowerCase()])
  })

  it('catches 15-digit first-generation numbers only when labelled as an ID number', () => {
    expect(excerpts(check('身份证号码：110105491231002'), 'id_number')).toEqual(['110105491231002'])
    expect(rules(check('注册号 110105491231002'), 'id_number')).toEqual([])
    expect(rules(check('110105491231002'), 'id_number')).toEqual([])
  })
})

describe('mobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['联系电话：138-1234-5678。', '138-1234-5678'],
    ['手机 138 1234 5678', '138 1234 5678'],
    ['+86 138 1234 5678', '+86 138 1234 5678'],
    ['+8613812345678', '+8613812345678'],
    ['86-13812345678', '86-13812345678'],
    ['19912345678（工作日）', '19912345678'],
  ])('catches %s', (text, excerpt) => {
    const fs = check(text)
    expect(excerpts(fs, 'mobile')).toEqual([excerpt])
    expect(hasBlocking(fs)).toBe(true)
  })

  it.each([
    '办公电话：0311-12345678',
    '(0311)87654321',
    '（0311）87654321',
    '政务服务便民热线12345',
    '冀政办字〔2020〕12号',
    '2020年1月1日',
    '20200101',
    '索引号：000014349/2020-00012',
    '投资总额15000000000元',
    '金额：13500000000',
    '13812345678.50',
    '统一社会信用代码：91130100MA0CXXXX1X',
    '统一社会信用代码 911301001381234567',
    '详见 https://example.gov.cn/a?paperId=18081698829',
    '邮箱 13739743000@163.com',
    '订单号 2023138123456789',
    '1381234567',
    '138123456789',
  ])('does not catch %s', (text) => {
    expect(rules(check(text), 'mobile')).toEqual([])
  })
})

describe('bank_card', () => {
  it('catches 1,000 generated card numbers, plain and grouped', () => {
    const r = rng(2024)
    for (let i = 0; i < 1000; i++) {
      const card = randomCard(r)
      const grouped =
        i % 3 === 1
          ? card.replace(/(\d{4})(?=\d)/g, '$1 ')
          : i % 3 === 2
            ? card.replace(/(\d{4})(?=\d)/g, '$1-')
            : card
      const fs = check(`收款账户：${grouped}，开户行略。`)
      // An 18-digit card number that is also a valid ID number is reported as an ID number.
      const asId = card.length === 18 && isIdNumber(card, NOW)
      expect(excerpts(fs, asId ? 'id_number' : 'bank_card')).toEqual([grouped])
    }
  })

  it('does not catch the same numbers with a wrong Luhn digit, or without a card prefix', () => {
    const r = rng(99)
    for (let i = 0; i < 1000; i++) {
      const card = randomCard(r)
      const last = Number(card.slice(-1))
      const wrong = card.slice(0, -1) + String((last + 1 + (i % 9)) % 10)
      expect(rules(check(`卡号 ${wrong}`), 'bank_card')).toEqual([])
    }
    const corporate = '1302010009020123456' // Luhn-valid or not, prefix 13 is no card
    expect(rules(check(corporate), 'bank_card')).toEqual([])
    expect(rules(check('6222021234567890128'), 'bank_card')).toHaveLength(
      luhnValid('6222021234567890128') ? 1 : 0,
    )
  })
})

describe('secrecy', () => {
  it.each([
    ['秘密★1年', '秘密★1年'],
    ['机密★', '机密★'],
    ['绝密★长期', '绝密★长期'],
    ['内部★', '内部★'],
    ['（内部）', '（内部）'],
    ['【机密】会议纪要', '【机密】'],
    ['密级：秘密', '密级：秘密'],
    ['正文\n秘密\n关于召开会议的通知', '秘密'],
    ['内部资料 注意保存', '内部资料'],
    ['仅供内部使用', '内部使用'],
  ])('blocks %s', (text, marking) => {
    const fs = rules(check(text), 'secrecy')
    expect(fs.map((f) => f.excerpt)).toEqual([marking])
    expect(fs[0]?.severity).toBe('blocking')
  })

  it('warns on 内部资料 inside a sentence', () => {
    const fs = rules(check('请勿在网上转发内部资料，谢谢。'), 'secrecy')
    expect(fs.map((f) => [f.excerpt, f.severity])).toEqual([['内部资料', 'warning']])
  })

  it.each([
    '各单位要保守国家秘密、商业秘密和工作秘密。',
    '加强内部控制、内部审计和内部管理。',
    '国家秘密的密级分为绝密、机密、秘密三级。',
    '绝密级国家秘密是最重要的国家秘密。',
    '宗教团体编印内部资料性出版物须经审批。',
    '机密文件管理办法解读',
  ])('does not flag %s', (text) => {
    expect(rules(check(text), 'secrecy')).toEqual([])
  })

  it('checks the title and attachment names and texts', () => {
    const fs = check('', {
      title: '机密 关于某事项的通知',
      attachments: [
        { name: '机密-会议纪要.docx' },
        { name: '商业秘密保护办法.pdf' },
        { name: '附件.txt', text: '第一行\n秘密★5年\n' },
      ],
    })
    expect(
      rules(fs, 'secrecy').map((f) => [f.field, f.attachment ?? '', f.excerpt, f.offset]),
    ).toEqual([
      ['title', '', '机密', 0],
      ['attachment', '机密-会议纪要.docx', '机密', 0],
      ['attachment', '附件.txt', '秘密★5年', 4],
    ])
  })
})

describe('word lists', () => {
  it('finds sensitive words with their note', () => {
    const fs = check('本站不提供赌博网址。')
    expect(rules(fs, 'sensitive_word').map((f) => [f.excerpt, f.severity])).toEqual([
      ['赌博网址', 'blocking'],
    ])
    expect(rules(fs, 'sensitive_word')[0]?.message).toContain('测试用')
  })

  it('suggests the correct form of a wrong word, as a warning', () => {
    const fs = rules(check('依法予以撤消，房屋座落于城区。'), 'wrong_word')
    expect(fs.map((f) => [f.excerpt, f.suggestion, f.severity])).toEqual([
      ['撤消', '撤销', 'warning'],
      ['座落', '坐落', 'warning'],
    ])
  })

  it.each([
    '在国家重大建设项目库下设专栏',
    '先进集体和先进个人材料',
    '（冀政办发〔2016〕29号）',
    '党组织书记要切实履行职责',
    '在依法合规、商业可持续的原则下',
    '请各单位于5月10日前报送',
    '县委副书记出席',
  ])('stays quiet on correct text: %s', (text) => {
    expect(rules(check(text), 'wrong_word')).toEqual([])
  })

  it('flags a wrong form that is part of its correct form only where the correct form is absent', () => {
    expect(excerpts(check('副书长讲话'), 'wrong_word')).toEqual(['副书'])
  })
})

describe('protected_name', () => {
  it('flags a homophone or look-alike misspelling and one next to the title', () => {
    const fs = rules(
      check('县长王建图出席。王建果讲话。王健国参加。王建国主持。'),
      'protected_name',
    )
    expect(fs.map((f) => [f.excerpt, f.suggestion, f.severity])).toEqual([
      ['王建图', '王建国', 'blocking'],
      ['王建果', '王建国', 'blocking'],
      ['王健国', '王建国', 'blocking'],
    ])
  })

  it('leaves exact names, other people and deputies alone', () => {
    expect(
      rules(check('县委书记王建国、副县长王建军、王建军同志。李红副县长。'), 'protected_name'),
    ).toEqual([])
    expect(excerpts(check('李宏副县长'), 'protected_name')).toEqual(['李宏'])
  })
})

describe('links and images', () => {
  const html =
    '<p>见<a href="/zwgk/content_9.html">旧文件</a>和<a href="https://www.example.com/">外部网站</a>。</p>' +
    '<p><img src="/files/' +
    'a'.repeat(64) +
    '.png"><img src="/files/ok.png" alt="  "><img src="/x.png" alt="示意图"></p>' +
    '<p><a href="https://s.click.taobao.com/t?e=1">领券购买</a> 或访问 union.jd.com/abc 下单</p>'
  const links = new Map([
    ['/zwgk/content_9.html', { state: 'broken' as const, reason: '信息不存在' }],
    ['https://www.example.com/', { state: 'external' as const }],
    [`/files/${'a'.repeat(64)}.png`, { state: 'broken' as const, reason: '文件不存在' }],
  ])

  it('reports broken internal links and images, missing alt text and ad links', () => {
    const fs = check('', { bodyHtml: html, links })
    expect(fs.map((f) => [f.rule, f.excerpt, f.severity])).toEqual([
      ['broken_link', '旧文件', 'warning'],
      ['broken_image', `/files/${'a'.repeat(64)}.png`, 'warning'],
      ['image_alt', `/files/${'a'.repeat(64)}.png`, 'warning'],
      ['image_alt', '/files/ok.png', 'warning'],
      ['ad_link', '领券购买', 'blocking'],
      ['ad_link', 'union.jd.com', 'blocking'],
    ])
    expect(fs[0]?.message).toContain('信息不存在')
  })

  it('does not report links without a verdict (nothing is fetched)', () => {
    expect(rules(check('', { bodyHtml: html }), 'broken_link')).toEqual([])
  })
})

describe('backdated', () => {
  const created = '2026-11-20T02:00:00.000Z'
  it('blocks a publication date more than a day before entry without a reason', () => {
    const fs = check('正文', { publishedAt: '2026-11-10', createdAt: created })
    expect(rules(fs, 'backdated').map((f) => [f.field, f.excerpt, f.severity])).toEqual([
      ['publishedAt', '2026-11-10', 'blocking'],
    ])
  })
  it('accepts a reason, the same day, a later date and a missing date', () => {
    const ok = [
      { publishedAt: '2026-11-10', createdAt: created, backdateReason: '补录 2026 年纸质文件' },
      { publishedAt: '2026-11-19T08:00:00.000Z', createdAt: created },
      { publishedAt: '2026-12-01', createdAt: created },
      { publishedAt: null, createdAt: created },
    ]
    for (const extra of ok) expect(rules(check('正文', extra), 'backdated')).toEqual([])
  })
  it('takes now as the entry time of a new article', () => {
    expect(rules(check('正文', { publishedAt: '2026-11-01' }), 'backdated')).toHaveLength(1)
  })
})

describe('severities and output', () => {
  it('downgrades or disables rules as configured', () => {
    const text = '联系人手机 13812345678'
    expect(rules(check(text, {}, config({ mobile: 'warning' })), 'mobile')[0]?.severity).toBe(
      'warning',
    )
    expect(rules(check(text, {}, config({ mobile: 'off' })), 'mobile')).toEqual([])
    expect(hasBlocking(check(text, {}, config({ mobile: 'warning' })))).toBe(false)
  })

  it('sorts findings by field, then offset', () => {
    const fs = check('撤消 13812345678', {
      title: '座落于',
      publishedAt: '2020-01-01',
      attachments: [{ name: '机密.doc' }],
    })
    expect(fs.map((f) => f.field)).toEqual(['title', 'body', 'body', 'attachment', 'publishedAt'])
    expect(fs[1]?.offset).toBeLessThan(fs[2]?.offset ?? 0)
  })

  it('checks a loose text or HTML document', () => {
    expect(
      checkDocument('秘密★1年\n13812345678', CONFIG, { isHtml: false }).map((f) => f.rule),
    ).toEqual(['secrecy', 'mobile'])
    expect(
      checkDocument('<p>撤消</p><img src="/a.png">', CONFIG, { isHtml: true }).map((f) => f.rule),
    ).toEqual(['wrong_word', 'image_alt'])
  })

  it('checks a 20,000-character article quickly', () => {
    const para =
      '为深入贯彻落实党中央、国务院决策部署，进一步做好政务公开工作，现将有关事项通知如下。'
    const html = Array.from(
      { length: Math.ceil(20000 / para.length) },
      () => `<p>${para}</p>`,
    ).join('')
    runChecks({ title: '通知', bodyHtml: html }, CONFIG)
    const t = performance.now()
    for (let i = 0; i < 5; i++) runChecks({ title: '通知', bodyHtml: html }, CONFIG)
    expect((performance.now() - t) / 5).toBeLessThan(200)
  })
})
