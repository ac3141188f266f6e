/** Content safety checks: rule ids (a stable API), Chinese labels, severities, word-list kinds. */
export const CHECK_RULES = [
  'id_number',
  'mobile',
  'bank_card',
  'secrecy',
  'sensitive_word',
  'wrong_word',
  'protected_name',
  'broken_link',
  'broken_image',
  'image_alt',
  'ad_link',
  'backdated',
] as const
export type CheckRule = (typeof CHECK_RULES)[number]

export const CHECK_RULE_LABELS: Record<CheckRule, string> = {
  id_number: '身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  secrecy: '涉密标志',
  sensitive_word: '敏感词',
  wrong_word: '错别字',
  protected_name: '领导姓名错误',
  broken_link: '链接失效',
  broken_image: '图片失效',
  image_alt: '图片缺少替代文字',
  ad_link: '商业广告链接',
  backdated: '发布日期早于录入日期',
}

/** What a finding does: `blocking` stops approval and publishing, `warning` only informs. */
export type Severity = 'blocking' | 'warning'
/** A rule's configured severity; `off` disables the rule for the whole cluster. */
export type RuleSeverity = Severity | 'off'
export const RULE_SEVERITIES = ['blocking', 'warning', 'off'] as const
export const SEVERITY_LABELS: Record<RuleSeverity, string> = {
  blocking: '阻止发布',
  warning: '提醒',
  off: '关闭',
}

/** Defaults; each cluster may change them (setting `checks.rules`). */
export const DEFAULT_RULE_SEVERITIES: Record<CheckRule, Severity> = {
  id_number: 'blocking',
  mobile: 'blocking',
  bank_card: 'blocking',
  secrecy: 'blocking',
  sensitive_word: 'blocking',
  wrong_word: 'warning',
  protected_name: 'blocking',
  broken_link: 'warning',
  broken_image: 'warning',
  image_alt: 'warning',
  ad_link: 'blocking',
  backdated: 'blocking',
}

export const FINDING_FIELDS = ['title', 'summary', 'body', 'attachment', 'publishedAt'] as const
export type FindingField = (typeof FINDING_FIELDS)[number]
export const FINDING_FIELD_LABELS: Record<FindingField, string> = {
  title: '标题',
  summary: '摘要',
  body: '正文',
  attachment: '附件',
  publishedAt: '发布日期',
}

/** One problem found in an article. */
export interface Finding {
  rule: CheckRule
  severity: Severity
  field: FindingField
  /** The attachment's file name, when `field` is `attachment`. */
  attachment?: string
  /** The matched text exactly as it appears in the field's plain text (for highlighting). */
  excerpt: string
  /** Character offset in the field's plain text (the body: its `htmlToText`). */
  offset: number
  length: number
  message: string
  suggestion: string
}

/** The cluster word lists. */
export const LEXICON_KINDS = ['sensitive', 'wrong', 'protected', 'ad_domain'] as const
export type LexiconKind = (typeof LEXICON_KINDS)[number]
export const LEXICON_KIND_LABELS: Record<LexiconKind, string> = {
  sensitive: '敏感词',
  wrong: '错别字',
  protected: '领导姓名',
  ad_domain: '广告域名',
}
