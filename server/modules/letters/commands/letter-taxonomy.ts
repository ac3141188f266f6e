import fs from 'node:fs'

/** One category of a three-level complaint taxonomy (一级/二级/三级分类). */
export interface TaxonomyEntry {
  level1: string
  level2: string
  level3: string
}

/** A letter's category and the word that chose it, so staff can see why. */
export interface Classification {
  path: string
  keyword: string
}

export interface Classifier {
  size: number
  keywords: number
  classify(subject: string, body: string): Classification | null
}

// Names too general to say anything about a letter on their own.
const GENERIC = new Set([
  ...['其他', '其它', '管理', '办理', '问题', '服务', '政策', '建设', '工作'],
  // Cores that name no topic: 社会服务 → 社会, 市场监管 → 市场.
  ...['社会', '市场', '经营', '行业', '产品'],
])
// A name's core without its generic tail still names the topic: 小区管理 → 小区.
const GENERIC_TAIL = /(管理|问题|服务|监管|工作|事务|政策)$/
const SEPARATORS = /[、，,／/和及与（）()\s]+/
const QUOTES = /[“”"]/g

/** Reads the taxonomy CSV (header 一级分类,二级分类,三级分类; no quoted fields expected). */
export function readTaxonomyCsv(file: string): TaxonomyEntry[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  const rows: TaxonomyEntry[] = []
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue
    const cells = line.split(',').map((c) => c.trim().replace(/^"|"$/g, ''))
    if (i === 0 && cells[0]?.includes('分类')) continue
    const [level1 = '', level2 = '', level3 = ''] = cells
    if (!level1 || !level2) throw new Error(`分类表第 ${i + 1} 行应有一级、二级、三级分类三列`)
    rows.push({ level1, level2, level3 })
  }
  if (rows.length === 0) throw new Error('分类表为空')
  return rows
}

/**
 * The words a category name is matched by: the name itself and its core (the name without a
 * generic tail: 小区管理 → 小区), then its parts and their cores when they keep three characters
 * or more: two-character leftovers of a split (农村, 施工) would label half the letters.
 */
export function keywordsOf(name: string): string[] {
  const out = new Set<string>()
  const add = (w: string, min: number) => {
    if (w.length >= min && !GENERIC.has(w)) out.add(w)
  }
  const whole = name.replace(QUOTES, '')
  add(whole, 2)
  add(whole.replace(GENERIC_TAIL, ''), 2)
  for (const part of whole.split(SEPARATORS)) {
    add(part, 3)
    add(part.replace(GENERIC_TAIL, ''), 3)
  }
  return [...out]
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A simple, explainable classifier: third-level names (then second-level ones) are looked up
 * in subject and body; the longest word found wins, a third-level word before a second-level
 * one of the same length, a subject hit before a body hit, then the taxonomy's order. One
 * regular expression over every keyword (longest first) is compiled once.
 */
export function compileClassifier(entries: TaxonomyEntry[]): Classifier {
  // keyword → [rank, path]; lower rank wins among equal lengths.
  const byKeyword = new Map<string, { rank: number; path: string }>()
  const put = (kw: string, rank: number, path: string) => {
    const seen = byKeyword.get(kw)
    if (!seen || rank < seen.rank) byKeyword.set(kw, { rank, path })
  }
  entries.forEach((e, i) => {
    if (e.level3 && !GENERIC.has(e.level3)) {
      for (const kw of keywordsOf(e.level3)) put(kw, i, `${e.level1}/${e.level2}/${e.level3}`)
    }
    for (const kw of keywordsOf(e.level2)) put(kw, entries.length + i, `${e.level1}/${e.level2}`)
  })
  const words = [...byKeyword.keys()].sort((a, b) => b.length - a.length)
  const re = words.length > 0 ? new RegExp(words.map(escapeRe).join('|'), 'g') : null

  const rankOf = (w: string) => byKeyword.get(w)?.rank ?? Infinity
  const best = (text: string): string | null => {
    if (!re) return null
    let top: string | null = null
    for (const m of text.matchAll(re)) {
      const w = m[0]
      if (
        top === null ||
        w.length > top.length ||
        (w.length === top.length && rankOf(w) < rankOf(top))
      )
        top = w
    }
    return top
  }

  return {
    size: entries.length,
    keywords: words.length,
    classify(subject, body) {
      const s = best(subject)
      const b = best(body)
      // The subject is the writer's own summary: it wins unless the body names something longer.
      const kw = s && (!b || s.length >= b.length) ? s : b
      const hit = kw ? byKeyword.get(kw) : undefined
      return kw && hit ? { path: hit.path, keyword: kw } : null
    },
  }
}
