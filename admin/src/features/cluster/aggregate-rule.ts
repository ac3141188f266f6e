import { EMPTY_AGGREGATE_RULE, type AggregateRule } from '../../../../common/cluster'
import { SITE_KINDS, type SiteKind } from '../../../../common/enums'

/** Suggested site groupings; any other text may be typed in. */
export const GROUPING_SUGGESTIONS = ['部门', '乡镇', '专题']

const strings = (v: unknown, fold: (s: string) => string = (s) => s): string[] =>
  Array.isArray(v)
    ? [
        ...new Set(v.filter((x): x is string => typeof x === 'string').map((x) => fold(x.trim()))),
      ].filter(Boolean)
    : []

const ids = (v: unknown): number[] =>
  Array.isArray(v) ? [...new Set(v.map(Number).filter((x) => Number.isInteger(x) && x > 0))] : []

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A well-formed rule from whatever `settings.aggregate` holds (missing, partial, older shapes):
 * strings trimmed and deduplicated, ids positive integers, days a whole number ≥ 0, the date
 * YYYY-MM-DD or ''. Used when the form opens and again before the column is saved.
 */
export function normaliseRule(raw: unknown): AggregateRule {
  if (!raw || typeof raw !== 'object') return { ...EMPTY_AGGREGATE_RULE }
  const r = raw as Partial<Record<keyof AggregateRule, unknown>>
  const days = Number(r.withinDays)
  const since = typeof r.since === 'string' ? r.since.trim().slice(0, 10) : ''
  return {
    siteKinds: strings(r.siteKinds).filter((k): k is SiteKind =>
      (SITE_KINDS as readonly string[]).includes(k),
    ),
    groupings: strings(r.groupings),
    siteIds: ids(r.siteIds),
    columnSlugs: strings(r.columnSlugs, (s) => s.toLowerCase()),
    columnIds: ids(r.columnIds),
    includeChildren: r.includeChildren === true,
    tags: strings(r.tags),
    withinDays: Number.isFinite(days) && days > 0 ? Math.floor(days) : 0,
    since: DATE.test(since) ? since : '',
  }
}

/** Whether the rule narrows its sources at all; an empty rule gathers every list column. */
export function hasSourceFilter(rule: AggregateRule): boolean {
  return (
    rule.siteKinds.length > 0 ||
    rule.groupings.length > 0 ||
    rule.siteIds.length > 0 ||
    rule.columnSlugs.length > 0 ||
    rule.columnIds.length > 0
  )
}

/** The column's settings to save: others kept, the rule only on aggregate columns. */
export function settingsWithRule(
  settings: Record<string, unknown>,
  isAggregate: boolean,
  rule: unknown,
): Record<string, unknown> {
  const { aggregate: _old, ...rest } = settings
  return isAggregate ? { ...rest, aggregate: normaliseRule(rule) } : rest
}
