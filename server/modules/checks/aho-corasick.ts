/** A match of pattern `index` at `[start, end)`. */
export interface PatternMatch {
  index: number
  start: number
  end: number
}

/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * pass over the text, however many patterns there are (a word list has thousands).
 */
export class AhoCorasick {
  private readonly next: Map<number, number>[] = [new Map()]
  private readonly fail: number[] = [0]
  /** Patterns ending at each node, including those reached through failure links. */
  private readonly out: number[][] = [[]]
  private readonly lengths: number[]

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length)
    patterns.forEach((p, index) => {
      if (!p) return
      let node = 0
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i)
        let child = this.next[node]?.get(c)
        if (child === undefined) {
          child = this.next.length
          this.next.push(new Map())
          this.fail.push(0)
          this.out.push([])
          this.next[node]?.set(c, child)
        }
        node = child
      }
      this.out[node]?.push(index)
    })
    // Breadth-first: each node's failure link is the longest proper suffix that is a prefix.
    const queue: number[] = []
    for (const child of this.next[0]?.values() ?? []) queue.push(child)
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q] as number
      for (const [c, child] of this.next[node] ?? []) {
        let f = this.fail[node] as number
        while (f !== 0 && !this.next[f]?.has(c)) f = this.fail[f] as number
        const target = this.next[f]?.get(c)
        this.fail[child] = target !== undefined && target !== child ? target : 0
        const inherited = this.out[this.fail[child] as number] ?? []
        if (inherited.length) this.out[child] = [...(this.out[child] ?? []), ...inherited]
        queue.push(child)
      }
    }
  }

  get size(): number {
    return this.lengths.length
  }

  /** Every match, in order of end position. */
  findAll(text: string): PatternMatch[] {
    const found: PatternMatch[] = []
    if (this.lengths.length === 0) return found
    let node = 0
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      let target = this.next[node]?.get(c)
      while (target === undefined && node !== 0) {
        node = this.fail[node] as number
        target = this.next[node]?.get(c)
      }
      node = target ?? 0
      const outs = this.out[node]
      if (outs && outs.length) {
        for (const index of outs) {
          const len = this.lengths[index] as number
          found.push({ index, start: i + 1 - len, end: i + 1 })
        }
      }
    }
    return found
  }
}

/** Keeps the longest of overlapping matches (the earliest on a tie), in text order. */
export function longestNonOverlapping<T extends { start: number; end: number }>(matches: T[]): T[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: T[] = []
  for (const m of sorted) {
    const last = kept[kept.length - 1]
    if (last && m.start < last.end) {
      if (m.end - m.start > last.end - last.start) kept[kept.length - 1] = m
      continue
    }
    kept.push(m)
  }
  return kept
}
