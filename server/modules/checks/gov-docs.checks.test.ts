import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHECK_RULES, type CheckRule, type Finding } from '../../../common/checks'
import { PROJECT_ROOT } from '../../paths'
import { htmlToText, textToHtml } from '../articles/rich-text'
import { bodyText } from './body-text'
import { compileConfig, runChecks } from './engine'
import { loadDictionaries, seedEntries } from './lexicon-data'

// Real documents (../shared/data/gov_docs, read in place, never bundled): 1,807 Hebei
// 政府信息公开 records with a body and 683 State Council regulations. Correct official text, so
// every finding must be a real problem or explained in docs/CHECKS.md.
const GOV_DOCS = path.resolve(PROJECT_ROOT, '../shared/data/gov_docs')
const FILES = ['hebei_gov_docs.jsonl', 'lawrefbook_xingzhengfagui.jsonl']
const present = FILES.every((f) => fs.existsSync(path.join(GOV_DOCS, f)))
if (!present) {
  console.warn(`跳过 gov_docs 内容检查测试：未找到 ${GOV_DOCS}（../shared 不在本机）`)
}

/** Wrong-word hits reviewed in these documents: variant spellings the standard replaces. */
const REVIEWED_WRONG = new Set([
  '粘土',
  '粘性',
  '成份',
  '化学成份',
  '联接',
  '撤消',
  '照像',
  '凝炼',
  '起迄',
  '报导',
  '录相',
  '泻湖',
  '座落',
  '份量',
])
/** 内部… phrases inside sentences (warnings asking to confirm), reviewed one by one. */
const REVIEWED_INTERNAL = new Set(['内部资料', '内部使用', '内部参考'])

interface Doc {
  title: string
  body: string
}

function loadDocs(): Doc[] {
  const docs: Doc[] = []
  for (const file of FILES) {
    for (const line of fs.readFileSync(path.join(GOV_DOCS, file), 'utf8').split('\n')) {
      if (!line.trim()) continue
      const d = JSON.parse(line) as { title: string; body?: string; body_markdown?: string }
      const body = d.body ?? d.body_markdown ?? ''
      if (body.trim()) docs.push({ title: d.title, body })
    }
  }
  return docs
}

describe.skipIf(!present)('content checks over real government documents', () => {
  it('finds only real or explained problems', () => {
    const seed = seedEntries()
    const config = compileConfig({
      dictionaries: loadDictionaries(),
      lists: {
        wrong: seed.filter((e) => e.kind === 'wrong'),
        sensitive: seed.filter((e) => e.kind === 'sensitive'),
        adDomains: seed.filter((e) => e.kind === 'ad_domain').map((e) => e.term),
        // Leaders named in these documents, and two very common names.
        protected: [
          { term: '李强', replacement: '国务院总理/总理' },
          { term: '许勤', replacement: '省长' },
          { term: '王正谱', replacement: '省长' },
          { term: '倪岳峰', replacement: '省委书记' },
          { term: '王东峰', replacement: '省委书记' },
          { term: '王建国', replacement: '县长' },
          { term: '张伟', note: '副省长' },
        ],
      },
    })
    const docs = loadDocs()
    expect(docs.length).toBeGreaterThan(2400)
    const counts = Object.fromEntries(CHECK_RULES.map((r) => [r, 0])) as Record<CheckRule, number>
    const all: { doc: Doc; text: string; f: Finding }[] = []
    const started = performance.now()
    for (const doc of docs) {
      const bodyHtml = textToHtml(doc.body)
      const text = htmlToText(bodyHtml)
      expect(bodyText(bodyHtml).text).toBe(text)
      for (const f of runChecks({ title: doc.title, bodyHtml }, config)) {
        counts[f.rule]++
        all.push({ doc, text, f })
      }
    }
    const ms = performance.now() - started
    console.log(`gov_docs：${docs.length} 篇，用时 ${ms.toFixed(0)} ms；各规则发现数：`, counts)
    for (const rule of CHECK_RULES) {
      for (const { doc, text, f } of all.filter((a) => a.f.rule === rule).slice(0, 5)) {
        const src = f.field === 'title' ? doc.title : text
        const around = src.slice(Math.max(0, f.offset - 10), f.offset + f.length + 10)
        console.log(
          `  [${rule}] ${f.excerpt} …${around.replace(/\n/g, '⏎')}… 《${doc.title.slice(0, 24)}》`,
        )
      }
    }

    const of = (rule: CheckRule) => all.filter((a) => a.f.rule === rule)
    expect(of('id_number')).toEqual([])
    expect(of('bank_card')).toEqual([])
    expect(of('sensitive_word')).toEqual([])
    expect(of('protected_name')).toEqual([])
    expect(of('ad_link')).toEqual([])
    // Mobile numbers: only real ones next to a contact (联系人, 电话, 手机, 举报 …), never an
    // office number, a 文号, a date or an identifier.
    for (const { text, f } of of('mobile')) {
      expect(f.excerpt).toMatch(/^1[3-9]\d{9}$/)
      const before = text.slice(Math.max(0, f.offset - 40), f.offset)
      expect(before).toMatch(/联系|电话|手机|咨询|举报|，|\u3000/)
      expect(before).not.toMatch(/[-－]$|〔$/)
      expect(text.slice(f.offset + f.length, f.offset + f.length + 1)).not.toMatch(/[号年月日元]/)
    }
    expect(of('mobile').length).toBeLessThanOrEqual(12)
    for (const { f } of of('wrong_word')) expect(REVIEWED_WRONG).toContain(f.excerpt)
    for (const { f } of of('secrecy')) {
      expect(f.severity).toBe('warning')
      expect(REVIEWED_INTERNAL).toContain(f.excerpt)
    }
  })
})
