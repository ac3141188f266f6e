import { SERVICE_ELEMENTS, type ServiceElement } from '../../../common/services'

/**
 * Pure rules of a service guide: which of the eight key elements are missing, and which items
 * of different units overlap (same or near-same names, or the same 设定依据) so the web office
 * can merge them.
 */

export interface ElementSource {
  name: string
  basis: string
  conditions: string
  location: string
  hours: string
  phone: string
  process: string
  materialCount: number
}

/** A value counts as present when it says something (not blank, not a placeholder like 无 / —). */
export function isFilled(text: string): boolean {
  const s = text.replace(/[\s\u3000]/g, '')
  return s.length > 0 && !/^(无|暂无|空|-+|—+|\/|null|n\/a)$/i.test(s)
}

/** The key elements a guide lacks, in the order of the inspection table. */
export function missingElements(item: ElementSource): ServiceElement[] {
  return SERVICE_ELEMENTS.filter((e) =>
    e === 'materials' ? item.materialCount === 0 : !isFilled(item[e]),
  )
}

/** Full-width to half-width, lower case, without spaces, punctuation and brackets' marks. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

/** The set of overlapping character pairs of a normalised text (the text itself if shorter). */
export function bigrams(text: string): Set<string> {
  const chars = [...text]
  if (chars.length < 2) return new Set(chars.length ? [chars.join('')] : [])
  const out = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`)
  return out
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1
  let common = 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  for (const x of small) if (large.has(x)) common++
  return common / (a.size + b.size - common)
}

/** Bigram Jaccard from which two names of different units count as the same service. */
export const SIMILAR_NAME_THRESHOLD = 0.8
/** A basis shorter than this (after normalising) is too generic to say two items are one. */
const BASIS_MIN = 8

export interface OverlapInput {
  id: number
  code: string
  name: string
  unitSiteId: number
  basis: string
}

export type OverlapReason = 'same_name' | 'similar_name' | 'same_basis'

export interface OverlapGroup {
  reasons: OverlapReason[]
  /** The highest name similarity between two items of the group (1 for equal names). */
  similarity: number
  items: OverlapInput[]
}

/**
 * Groups items of different units that overlap: equal normalised names, bigram Jaccard ≥ 0.8,
 * or the same non-trivial 设定依据 (pairs joined transitively). Items of one unit are never
 * paired with each other: a unit may rightly list two situations of one matter.
 */
export function findOverlaps(items: OverlapInput[]): OverlapGroup[] {
  const norm = items.map((i) => normaliseText(i.name))
  const grams = norm.map(bigrams)
  const parent = items.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i
    return i
  }
  const reasons = new Map<number, Set<OverlapReason>>()
  const best = new Map<number, number>()
  const link = (a: number, b: number, reason: OverlapReason, sim: number) => {
    const ra = find(a)
    const rb = find(b)
    const root = Math.min(ra, rb)
    const other = Math.max(ra, rb)
    parent[other] = root
    const set = new Set([...(reasons.get(root) ?? []), ...(reasons.get(other) ?? []), reason])
    reasons.set(root, set)
    best.set(root, Math.max(best.get(root) ?? 0, best.get(other) ?? 0, sim))
  }
  // Candidates share a bigram: an inverted index keeps this far from n² on real catalogues.
  const index = new Map<string, number[]>()
  grams.forEach((g, i) => {
    for (const x of g) index.set(x, [...(index.get(x) ?? []), i])
  })
  for (let i = 0; i < items.length; i++) {
    const gi = grams[i] ?? new Set<string>()
    const seen = new Set<number>()
    for (const x of gi) {
      for (const j of index.get(x) ?? []) {
        if (j <= i || seen.has(j)) continue
        seen.add(j)
        if (items[i]?.unitSiteId === items[j]?.unitSiteId) continue
        const gj = grams[j] ?? new Set<string>()
        const small = Math.min(gi.size, gj.size)
        const large = Math.max(gi.size, gj.size)
        if (small < SIMILAR_NAME_THRESHOLD * large) continue
        if (norm[i] === norm[j]) link(i, j, 'same_name', 1)
        else {
          const sim = jaccard(gi, gj)
          if (sim >= SIMILAR_NAME_THRESHOLD) link(i, j, 'similar_name', sim)
        }
      }
    }
  }
  const byBasis = new Map<string, number[]>()
  items.forEach((item, i) => {
    const b = normaliseText(item.basis)
    if (b.length >= BASIS_MIN && isFilled(item.basis))
      byBasis.set(b, [...(byBasis.get(b) ?? []), i])
  })
  for (const list of byBasis.values()) {
    for (let k = 1; k < list.length; k++) {
      const a = list[0] ?? 0
      const b = list[k] ?? 0
      if (items[a]?.unitSiteId !== items[b]?.unitSiteId) link(a, b, 'same_basis', 0)
    }
  }
  const groups = new Map<number, number[]>()
  items.forEach((_, i) => {
    const r = find(i)
    if (reasons.has(r)) groups.set(r, [...(groups.get(r) ?? []), i])
  })
  return [...groups.entries()]
    .filter(([, members]) => new Set(members.map((m) => items[m]?.unitSiteId)).size > 1)
    .map(([root, members]) => ({
      reasons: [...(reasons.get(root) ?? [])].sort(),
      similarity: Math.round((best.get(root) ?? 0) * 100) / 100,
      items: members.map((m) => items[m]).filter((x): x is OverlapInput => x !== undefined),
    }))
    .sort((a, b) => b.items.length - a.items.length || b.similarity - a.similarity)
}
