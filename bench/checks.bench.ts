/**
 * Content checks benchmark: every rule (compiled word lists as first seeded, a few protected
 * names) over a 20,000-character article built from real Hebei documents (generated text when
 * ../shared is absent). Goal: < 50 ms per article. Run alone: `npx tsx bench/checks.bench.ts`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { escapeHtml } from '../server/modules/articles/rich-text'
import { compileConfig, runChecks } from '../server/modules/checks/engine'
import { loadDictionaries, seedEntries } from '../server/modules/checks/lexicon-data'

const ROOT = path.resolve(import.meta.dirname, '..')
const GOV_DOCS = path.resolve(ROOT, '../shared/data/gov_docs/hebei_gov_docs.jsonl')
const TARGET_CHARS = 20_000

export interface ChecksBenchResult {
  source: 'gov_docs' | 'generated'
  chars: number
  paragraphs: number
  links: number
  runs: number
  findings: number
  wrongWords: number
  setupMs: number
  medianMs: number
  p95Ms: number
  maxMs: number
}

/** Paragraphs of real documents until the article reaches 20,000 characters. */
function articleParagraphs(): { paragraphs: string[]; source: 'gov_docs' | 'generated' } {
  const paragraphs: string[] = []
  let chars = 0
  if (fs.existsSync(GOV_DOCS)) {
    for (const line of fs.readFileSync(GOV_DOCS, 'utf8').split('\n')) {
      if (!line.trim()) continue
      const body = (JSON.parse(line) as { body?: string }).body ?? ''
      for (const p of body.split(/\n+|(?<=。)/)) {
        const t = p.trim()
        if (!t) continue
        paragraphs.push(t)
        chars += t.length
        if (chars >= TARGET_CHARS) return { paragraphs, source: 'gov_docs' }
      }
    }
  }
  const words = [
    '政务公开',
    '高质量发展',
    '营商环境',
    '乡村振兴',
    '民生保障',
    '安全生产',
    '依法行政',
  ]
  for (let i = 0; chars < TARGET_CHARS; i++) {
    const t = `各单位要持续推进${words[i % words.length]}工作，落实${words[(i * 3) % words.length]}责任，确保各项任务按期完成。`
    paragraphs.push(t)
    chars += t.length
  }
  return { paragraphs, source: 'generated' }
}

/** The article as an editor would save it: paragraphs with links and images mixed in. */
function articleHtml(paragraphs: string[]): { html: string; links: number } {
  let links = 0
  const html = paragraphs
    .map((p, i) => {
      const text = escapeHtml(p)
      if (i % 25 === 0) {
        links++
        return `<p>${text}<a href="/zwgk/tzgg/content_${1000 + i}.html">相关文件</a></p>`
      }
      if (i % 40 === 0) return `<p>${text}</p><p><img src="/files/${'a'.repeat(64)}.jpg"></p>`
      return `<p>${text}</p>`
    })
    .join('')
  return { html, links }
}

export function benchChecks(runs = 200): ChecksBenchResult {
  const t0 = performance.now()
  const seed = seedEntries()
  const config = compileConfig({
    dictionaries: loadDictionaries(),
    lists: {
      wrong: seed.filter((e) => e.kind === 'wrong'),
      sensitive: seed.filter((e) => e.kind === 'sensitive'),
      adDomains: seed.filter((e) => e.kind === 'ad_domain').map((e) => e.term),
      protected: [
        { term: '王建国', replacement: '县委书记/县长' },
        { term: '李红梅', replacement: '常务副县长' },
        { term: '张伟', note: '副县长' },
        { term: '赵立新', replacement: '县人大常委会主任' },
        { term: '欧阳振华', replacement: '县政协主席' },
      ],
    },
  })
  const setupMs = performance.now() - t0
  const { paragraphs, source } = articleParagraphs()
  const { html, links } = articleHtml(paragraphs)
  const input = {
    title: '关于进一步做好政务公开工作的通知',
    bodyHtml: html,
    attachments: [{ name: '附件1：实施方案.docx' }],
    publishedAt: new Date().toISOString(),
    links: new Map([[`/files/${'a'.repeat(64)}.jpg`, { state: 'ok' as const }]]),
  }
  let findings = 0
  for (let i = 0; i < 20; i++) findings = runChecks(input, config).length
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    runChecks(input, config)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
  return {
    source,
    chars: paragraphs.reduce((n, p) => n + p.length, 0),
    paragraphs: paragraphs.length,
    links,
    runs,
    findings,
    wrongWords: config.wrong.size,
    setupMs,
    medianMs: at(0.5),
    p95Ms: at(0.95),
    maxMs: times[times.length - 1] ?? 0,
  }
}

/** The lines bench/run.ts writes into RESULTS.md. */
export function checksBenchLines(r: ChecksBenchResult): string[] {
  return [
    '## Content checks',
    `- All 12 rules on one ${r.chars.toLocaleString('en')}-character article (${r.source === 'gov_docs' ? 'real Hebei documents' : 'generated text'}, ${r.paragraphs} paragraphs, ${r.links} internal links, images), ${r.wrongWords.toLocaleString('en')} wrong-word entries, sensitive words, ad domains and 5 protected names: median **${r.medianMs.toFixed(2)} ms**, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms over ${r.runs} runs (goal < 50 ms); ${r.findings} findings per run`,
    `- One-off per process: loading the bundled dictionaries and compiling the word lists ${r.setupMs.toFixed(0)} ms`,
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const r = benchChecks()
  for (const l of checksBenchLines(r)) console.log(l)
}
