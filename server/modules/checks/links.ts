/** URL helpers shared by the engine (advertising) and the service (internal link resolution). */

/** Schemes that are never checked: mail, telephone, in-page anchors, inline images. */
const SKIPPED = /^(?:mailto:|tel:|sms:|javascript:|data:|#)/i

export function isCheckableUrl(url: string): boolean {
  return url !== '' && !SKIPPED.test(url)
}

/** The lower-case host of an absolute or protocol-relative URL, or null for a relative one. */
export function hostOf(url: string): string | null {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/?#\s]+)/i.exec(url.trim())
  if (!m?.[1]) return null
  const host = m[1].replace(/^[^@]*@/, '').replace(/:\d+$/, '')
  return host.toLowerCase().replace(/\.$/, '')
}

/** A host given by an admin as `https://www.example.com/x`, `Example.com` or `*.example.com`. */
export function normaliseDomain(input: string): string {
  const s = input.trim().toLowerCase()
  const host = hostOf(s.includes('//') ? s : `//${s}`) ?? s
  return host.replace(/^\*\./, '').replace(/^www\.(?=[^.]+\.[^.]+)/, '')
}

/** Does `host` belong to one of `domains` (itself or a subdomain)? Returns the domain. */
export function matchDomain(host: string, domains: ReadonlySet<string>): string | null {
  let h = host
  for (;;) {
    if (domains.has(h)) return h
    const dot = h.indexOf('.')
    if (dot < 0) return null
    h = h.slice(dot + 1)
  }
}

/** Bare domains and URLs written in plain text (e.g. 访问 s.click.taobao.com 领券). */
export const TEXT_URL =
  /(?<![A-Za-z0-9.@-])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![A-Za-z0-9-])/gi
