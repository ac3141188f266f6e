import {
  CHECK_RULES,
  DEFAULT_RULE_SEVERITIES,
  FINDING_FIELDS,
  type CheckRule,
  type Finding,
  type FindingField,
  type RuleSeverity,
  type Severity,
} from '../../../common/checks'
import { formatDate } from '../../../common/time'
import { AhoCorasick, longestNonOverlapping } from './aho-corasick'
import { bodyText, type BodyRef } from './body-text'
import type { CheckInput } from './check.types'
import { hostOf, isCheckableUrl, matchDomain, normaliseDomain, TEXT_URL } from './links'
import { NameMatcher, splitTitles } from './names'
import { findBankCards, findIdNumbers, findMobiles } from './personal-data'
import { findSecrecy, type SecrecyMode } from './secrecy'
import { WrongWordMatcher, type WrongWord } from './wrong-words'

/** The cluster word lists as stored (`lexicon_entry`). */
export interface LexiconLists {
  sensitive: { term: string; note?: string }[]
  wrong: WrongWord[]
  /** A leader's name; its titles are in `replacement` and/or `note` (县委书记/县长). */
  protected: { term: string; replacement?: string; note?: string }[]
  adDomains: string[]
}

/** Bundled reference data: similar characters and a word list for word boundaries. */
export interface Dictionaries {
  similar: ReadonlyMap<string, string>
  words: ReadonlySet<string>
}

/** Word lists compiled once, plus the cluster's severities: everything `runChecks` needs. */
export interface CheckConfig {
  severities: Record<CheckRule, RuleSeverity>
  sensitive: { automaton: AhoCorasick; entries: { term: string; note: string }[] }
  wrong: WrongWordMatcher
  names: NameMatcher
  adDomains: ReadonlySet<string>
}

export function compileConfig(input: {
  severities?: Partial<Record<CheckRule, RuleSeverity>>
  lists: LexiconLists
  dictionaries: Dictionaries
}): CheckConfig {
  const { lists, dictionaries } = input
  const sensitive = lists.sensitive
    .filter((e) => e.term.trim())
    .map((e) => ({ term: e.term.trim(), note: e.note ?? '' }))
  return {
    severities: { ...DEFAULT_RULE_SEVERITIES, ...(input.severities ?? {}) },
    sensitive: { automaton: new AhoCorasick(sensitive.map((e) => e.term)), entries: sensitive },
    wrong: new WrongWordMatcher(lists.wrong, dictionaries.words),
    names: new NameMatcher(
      lists.protected.map((p) => ({
        name: p.term.trim(),
        titles: splitTitles(`${p.replacement ?? ''}/${p.note ?? ''}`),
      })),
      dictionaries.similar,
    ),
    adDomains: new Set(lists.adDomains.map(normaliseDomain).filter(Boolean)),
  }
}

/** What a link or image in the body resolved to (the service looks internal ones up). */
export type LinkVerdict =
  { state: 'ok' } | { state: 'external' } | { state: 'broken'; reason: string }

export interface EngineInput extends CheckInput {
  /** Verdicts by URL as written in the body; a URL without one is not reported. */
  links?: ReadonlyMap<string, LinkVerdict>
  /** The moment of checking (tests): entry time when `createdAt` is missing, today for IDs. */
  now?: Date
}

const DAY_MS = 24 * 3600 * 1000

/** Runs every enabled rule over an article; pure and synchronous. */
export function runChecks(input: EngineInput, config: CheckConfig): Finding[] {
  const now = input.now ?? new Date()
  const out = new Collector(config)
  scanText(out, input.title, 'title', 'title', undefined, now)
  if (input.summary) scanText(out, input.summary, 'summary', 'body', undefined, now)
  const body = bodyText(input.bodyHtml)
  scanText(out, body.text, 'body', 'body', undefined, now)
  scanRefs(out, body.text, body.refs, input.links)
  for (const a of input.attachments ?? []) {
    scanText(out, a.name, 'attachment', 'name', a.name, now)
    if (a.text) scanText(out, a.text, 'attachment', 'body', a.name, now)
  }
  checkBackdate(out, input, now)
  return out.sorted()
}

/** Checks a loose text or HTML document (the CLI's --file): the same rules as a body. */
export function checkDocument(
  text: string,
  config: CheckConfig,
  options: { isHtml: boolean; links?: ReadonlyMap<string, LinkVerdict>; now?: Date },
): Finding[] {
  const html = options.isHtml ? text : ''
  const out = new Collector(config)
  const now = options.now ?? new Date()
  if (options.isHtml) {
    const body = bodyText(html)
    scanText(out, body.text, 'body', 'body', undefined, now)
    scanRefs(out, body.text, body.refs, options.links)
  } else {
    scanText(out, text, 'body', 'body', undefined, now)
  }
  return out.sorted()
}

class Collector {
  private readonly findings: Finding[] = []
  private readonly seen = new Set<string>()

  constructor(private readonly config: CheckConfig) {}

  enabled(rule: CheckRule): boolean {
    return this.config.severities[rule] !== 'off'
  }

  add(rule: CheckRule, f: Omit<Finding, 'rule' | 'severity'>, level: Severity = 'blocking'): void {
    const configured = this.config.severities[rule]
    if (configured === 'off') return
    const key = `${rule}|${f.field}|${f.attachment ?? ''}|${f.offset}|${f.excerpt}`
    if (this.seen.has(key)) return
    this.seen.add(key)
    // A rule set to warning never blocks; a doubtful hit of a blocking rule only warns.
    const severity: Severity =
      configured === 'warning' || level === 'warning' ? 'warning' : 'blocking'
    const finding: Finding = { rule, severity, ...f }
    if (f.attachment === undefined) delete finding.attachment
    this.findings.push(finding)
  }

  get cfg(): CheckConfig {
    return this.config
  }

  sorted(): Finding[] {
    const fieldOrder = (f: FindingField) => FINDING_FIELDS.indexOf(f)
    return this.findings.sort(
      (a, b) =>
        fieldOrder(a.field) - fieldOrder(b.field) ||
        (a.attachment ?? '').localeCompare(b.attachment ?? '') ||
        a.offset - b.offset ||
        CHECK_RULES.indexOf(a.rule) - CHECK_RULES.indexOf(b.rule),
    )
  }
}

function scanText(
  out: Collector,
  text: string,
  field: FindingField,
  mode: SecrecyMode,
  attachment: string | undefined,
  now: Date,
): void {
  if (!text) return
  const cfg = out.cfg
  const where = mode === 'name' ? '附件名称中' : ''
  const at = (start: number, end: number) => ({
    field,
    attachment,
    excerpt: text.slice(start, end),
    offset: start,
    length: end - start,
  })
  if (out.enabled('id_number')) {
    for (const h of findIdNumbers(text, now)) {
      out.add('id_number', {
        ...at(h.start, h.end),
        message: `${where}含有公民身份号码：不得公开个人身份信息`,
        suggestion: '删除该号码，或隐去出生日期等部分（如 130102********1234）',
      })
    }
  }
  if (out.enabled('mobile')) {
    for (const h of findMobiles(text)) {
      out.add('mobile', {
        ...at(h.start, h.end),
        message: `${where}含有个人手机号码：不得公开个人联系方式`,
        suggestion: '删除该号码或隐去中间四位（如 138****5678）；对外联系请使用办公电话',
      })
    }
  }
  if (out.enabled('bank_card')) {
    for (const h of findBankCards(text, now)) {
      out.add('bank_card', {
        ...at(h.start, h.end),
        message: `${where}含有银行卡号：不得公开个人金融信息`,
        suggestion: '删除该卡号，或只保留后四位',
      })
    }
  }
  if (out.enabled('secrecy')) {
    for (const h of findSecrecy(text, mode)) {
      out.add(
        'secrecy',
        {
          ...at(h.start, h.end),
          message: `${where}${h.message}`,
          suggestion:
            h.level === 'blocking'
              ? '确认该信息已解密并经保密审查后删除标志；涉密内容一律不得发布'
              : '如属内部资料请勿公开；如可公开，请改写该表述',
        },
        h.level,
      )
    }
  }
  if (out.enabled('sensitive_word')) {
    const { automaton, entries } = cfg.sensitive
    for (const m of longestNonOverlapping(automaton.findAll(text))) {
      const e = entries[m.index]
      if (!e) continue
      out.add('sensitive_word', {
        ...at(m.start, m.end),
        message: `${where}含有敏感词「${e.term}」${e.note ? `（${e.note}）` : ''}`,
        suggestion: '删除或改写该词语',
      })
    }
  }
  if (out.enabled('wrong_word')) {
    for (const h of cfg.wrong.find(text)) {
      out.add(
        'wrong_word',
        {
          ...at(h.start, h.end),
          message: `${where}疑似错别字：「${h.entry.term}」应为「${h.entry.replacement}」`,
          suggestion: h.entry.replacement,
        },
        'warning',
      )
    }
  }
  if (out.enabled('protected_name')) {
    for (const h of cfg.names.find(text)) {
      const why = h.reason === 'title' ? `（与职务「${h.title}」相连）` : '（与正确姓名音近或形近）'
      out.add('protected_name', {
        ...at(h.start, h.end),
        message: `${where}领导姓名可能写错：「${text.slice(h.start, h.end)}」应为「${h.name}」${why}`,
        suggestion: h.name,
      })
    }
  }
  if (out.enabled('ad_link') && cfg.adDomains.size > 0) {
    for (const m of text.matchAll(TEXT_URL)) {
      const domain = matchDomain((m[1] ?? '').toLowerCase(), cfg.adDomains)
      if (!domain) continue
      out.add('ad_link', {
        ...at(m.index, m.index + m[0].length),
        message: `${where}含有商业广告或推广网址（${domain}）：政府网站严禁刊登商业广告`,
        suggestion: '删除该网址',
      })
    }
  }
}

function scanRefs(
  out: Collector,
  text: string,
  refs: BodyRef[],
  links: ReadonlyMap<string, LinkVerdict> | undefined,
): void {
  const cfg = out.cfg
  for (const ref of refs) {
    const base = {
      field: 'body' as const,
      excerpt: ref.length > 0 ? text.slice(ref.offset, ref.offset + ref.length) : ref.url,
      offset: ref.offset,
      length: ref.length,
    }
    if (ref.kind === 'image' && out.enabled('image_alt') && !ref.alt?.trim()) {
      out.add(
        'image_alt',
        {
          ...base,
          excerpt: ref.url,
          length: 0,
          message: `图片「${shortUrl(ref.url)}」缺少替代文字（alt）：读屏软件无法告诉视障用户图片内容`,
          suggestion: '为图片填写简要的文字说明',
        },
        'warning',
      )
    }
    if (!isCheckableUrl(ref.url)) continue
    const host = hostOf(ref.url)
    const ad = host ? matchDomain(host, cfg.adDomains) : null
    if (ad) {
      out.add('ad_link', {
        ...base,
        message: `${ref.kind === 'image' ? '图片' : '链接'}指向商业广告或推广网站（${ad}）：政府网站严禁刊登商业广告`,
        suggestion: '删除该链接',
      })
    }
    const verdict = links?.get(ref.url)
    if (verdict?.state !== 'broken') continue
    if (ref.kind === 'image') {
      out.add(
        'broken_image',
        {
          ...base,
          excerpt: ref.url,
          length: 0,
          message: `图片「${shortUrl(ref.url)}」无法显示：${verdict.reason}`,
          suggestion: '重新上传图片，或删除该图片',
        },
        'warning',
      )
    } else if (ref.kind !== 'embed') {
      out.add(
        'broken_link',
        {
          ...base,
          message: `链接「${shortUrl(ref.url)}」无法打开：${verdict.reason}`,
          suggestion: '改为正确的地址，或删除该链接',
        },
        'warning',
      )
    }
  }
}

function checkBackdate(out: Collector, input: EngineInput, now: Date): void {
  if (!out.enabled('backdated') || !input.publishedAt) return
  if (input.backdateReason?.trim()) return
  const published = Date.parse(input.publishedAt)
  const created = input.createdAt ? Date.parse(input.createdAt) : now.getTime()
  if (Number.isNaN(published) || Number.isNaN(created)) return
  // The same day is fine: an article entered in the evening may carry the morning's date.
  if (published >= created - DAY_MS) return
  out.add('backdated', {
    field: 'publishedAt',
    excerpt: input.publishedAt,
    offset: 0,
    length: input.publishedAt.length,
    message: `发布日期（${formatDate(new Date(published))}）早于录入时间（${formatDate(new Date(created))}）且未说明原因：可能被认定为虚假发布日期`,
    suggestion: '改为实际发布日期；补录历史信息请填写补录原因',
  })
}

function shortUrl(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}…` : url
}
