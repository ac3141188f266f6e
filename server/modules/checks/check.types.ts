import type { Finding } from '../../../common/checks'

export {
  CHECK_RULES,
  CHECK_RULE_LABELS,
  DEFAULT_RULE_SEVERITIES,
  LEXICON_KINDS,
  type CheckRule,
  type Finding,
  type FindingField,
  type LexiconKind,
  type RuleSeverity,
  type Severity,
} from '../../../common/checks'

/** What is checked: an article as the editor is about to save or submit it. */
export interface CheckInput {
  title: string
  /** The summary shown in lists and feeds (checked like the title). */
  summary?: string
  bodyHtml: string
  /** Attachments by name, with their text where it could be extracted. */
  attachments?: { name: string; text?: string }[]
  /** ISO publication date shown on the page. */
  publishedAt?: string | null
  /** ISO entry time (when the article was first saved); defaults to now. */
  createdAt?: string | null
  backdateReason?: string | null
  /** The article being checked: a link to itself is fine even while it is a draft. */
  selfArticleId?: number
}

/** Does any finding stop approval? */
export function hasBlocking(findings: readonly Pick<Finding, 'severity'>[]): boolean {
  return findings.some((f) => f.severity === 'blocking')
}
