import type { CheckRule, LexiconKind, RuleSeverity } from '../../../../common/checks'
import { api } from '../../api'

export type { Finding } from '../../../../common/checks'

/** A rule as GET /checks/rules returns it. */
export interface RuleSetting {
  rule: CheckRule
  label: string
  severity: RuleSeverity
  default: RuleSeverity
}

/** A word-list entry as GET /lexicon returns it. */
export interface LexiconEntry {
  id: number
  kind: LexiconKind
  kindLabel: string
  term: string
  replacement: string
  note: string
  createdAt: string
}

export interface LexiconValues {
  kind: LexiconKind
  term: string
  replacement?: string
  note?: string
}

export interface ImportResult {
  created: number
  updated: number
  unchanged: number
}

export const checksApi = {
  rules: async () => (await api.get<{ data: RuleSetting[] }>('/checks/rules')).data,
  saveRules: async (rules: Partial<Record<CheckRule, RuleSeverity>>) =>
    (await api.put<{ data: RuleSetting[] }>('/checks/rules', { rules })).data,
  addEntry: async (v: LexiconValues) =>
    (await api.post<{ data: LexiconEntry }>('/lexicon', v)).data,
  updateEntry: async (id: number, v: Omit<LexiconValues, 'kind'>) =>
    (await api.patch<{ data: LexiconEntry }>(`/lexicon/${id}`, v)).data,
  removeEntry: (id: number) => api.del<{ data: { ok: true } }>(`/lexicon/${id}`),
  importXlsx: async (file: File) => {
    const body = new FormData()
    body.append('file', file)
    return (await api.post<{ data: ImportResult }>('/lexicon/import', body)).data
  },
}

/** Plain text pasted into the trial box, as the paragraphs an editor would save. */
export function textToParagraphs(text: string): string {
  const escape = (s: string) =>
    s.replace(/[&<>"']/g, (c) =>
      c === '&'
        ? '&amp;'
        : c === '<'
          ? '&lt;'
          : c === '>'
            ? '&gt;'
            : c === '"'
              ? '&quot;'
              : '&#39;',
    )
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escape(l)}</p>`)
    .join('')
}
