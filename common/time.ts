/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000

function shifted(iso: string | Date): Date | null {
  const d = typeof iso === 'string' ? new Date(iso) : iso
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() + CST_OFFSET_MS)
}

/** `YYYY-MM-DD` in Beijing time. */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return ''
  const d = shifted(iso)
  return d ? d.toISOString().slice(0, 10) : ''
}

/** `YYYY-MM-DD HH:MM` in Beijing time (the format inspection rules expect on pages). */
export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return ''
  const d = shifted(iso)
  return d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}` : ''
}

/** The UTC instant at which a Beijing calendar day (`YYYY-MM-DD`) starts. */
export function chinaDayStartUtc(day: string, addDays = 0): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00.000Z`)
  d.setUTCDate(d.getUTCDate() + addDays)
  return new Date(d.getTime() - CST_OFFSET_MS).toISOString()
}

/** Parses a date as people write it (`2023-05-17`, `2023-05-17 10:30`, ISO) as Beijing time. */
export function parseChinaDate(s: string): string | null {
  const t = s.trim()
  const m =
    /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t)
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = m
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec))
    const check = new Date(utc)
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null
    return new Date(utc - CST_OFFSET_MS).toISOString()
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const d = new Date(t)
    return Number.isNaN(d.getTime()) ? null : d.toISOString()
  }
  return null
}
