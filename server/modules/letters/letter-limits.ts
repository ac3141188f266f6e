import {
  DEFAULT_LETTER_LIMITS,
  LETTER_LIMIT_KEYS,
  LETTER_LIMIT_LABELS,
  LETTER_LIMIT_MAX,
  type LetterLimitKey,
  type LetterLimits,
} from '../../../common/letters'
import { invalid } from '../../errors'

const isLimit = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LETTER_LIMIT_MAX

function parse(limitsJson: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(limitsJson)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** What a mailbox overrides of the default limits (its stored `limits` JSON; bad entries ignored). */
export function limitOverrides(limitsJson: string): Partial<LetterLimits> {
  const stored = parse(limitsJson)
  const out: Partial<LetterLimits> = {}
  for (const key of LETTER_LIMIT_KEYS) {
    const v = stored[key]
    if (isLimit(v)) out[key] = v
  }
  return out
}

/** A mailbox's limits in working days: the defaults, overridden by its `limits` JSON. */
export function effectiveLimits(limitsJson: string): LetterLimits {
  return { ...DEFAULT_LETTER_LIMITS, ...limitOverrides(limitsJson) }
}

/**
 * Checks limits entered by staff: known keys only, whole working days 0–LETTER_LIMIT_MAX.
 * Returns the overrides to store; throws 400 `invalid` with a message per field (`limits.<key>`).
 */
export function cleanLimits(input: Record<string, unknown>): Partial<LetterLimits> {
  const fields: Record<string, string> = {}
  const out: Partial<LetterLimits> = {}
  const known = new Set<string>(LETTER_LIMIT_KEYS)
  for (const [key, v] of Object.entries(input)) {
    if (!known.has(key)) {
      fields[`limits.${key}`] = `不支持的时限：${key}`
      continue
    }
    const label = LETTER_LIMIT_LABELS[key as LetterLimitKey]
    if (v === null || v === undefined) continue
    if (!isLimit(v)) {
      fields[`limits.${key}`] = `${label}须为 0–${LETTER_LIMIT_MAX} 之间的整数（工作日）`
      continue
    }
    out[key as LetterLimitKey] = v
  }
  const first = Object.values(fields)[0]
  if (first) throw invalid(first, fields)
  return out
}
