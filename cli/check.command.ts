import fs from 'node:fs'
import path from 'node:path'
import {
  CHECK_RULE_LABELS,
  FINDING_FIELD_LABELS,
  SEVERITY_LABELS,
  type Finding,
} from '../common/checks'
import { isAppError, notFound } from '../server/errors'
import { decodeText } from '../server/modules/checks/attachment-text'
import { seedLexicon } from '../server/modules/checks/check.seed'
import { hasBlocking, type SweepResult } from '../server/modules/checks/check.service'
import { progress, withApp } from './shared'

export interface CheckOptions {
  site?: string
  file?: string
  json?: boolean
}

/** Exit codes: 0 nothing blocking, 1 a blocking finding, 2 bad usage. */
const EXIT_BLOCKING = 1
const EXIT_USAGE = 2

function usage(message: string): never {
  console.error(`错误：${message}`)
  console.error(
    '用法：zhanqun check --site <站点代码> [--json]  或  zhanqun check --file <文件> [--json]',
  )
  process.exit(EXIT_USAGE)
}

/**
 * `zhanqun check`: the content checks over all published articles of a site (--site) or over
 * one HTML or text document (--file). Exits 1 when a blocking finding exists.
 */
export async function runCheck(options: CheckOptions): Promise<void> {
  if (Boolean(options.site) === Boolean(options.file)) usage('请指定 --site 或 --file 其中之一')
  let document: { text: string; isHtml: boolean } | null = null
  if (options.file) {
    const file = path.resolve(options.file)
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) usage(`找不到文件 ${options.file}`)
    document = { text: decodeText(fs.readFileSync(file)), isHtml: /\.html?$/i.test(file) }
  }
  await withApp(async ({ core }) => {
    // The same first-start word lists the server seeds (only if they were never seeded).
    await seedLexicon(core)
    if (document) {
      const findings = await core.checks.checkText(document.text, { isHtml: document.isHtml })
      if (options.json) console.log(JSON.stringify(findings.map(jsonFinding), null, 2))
      else printFile(options.file ?? '', findings)
      if (hasBlocking(findings)) process.exitCode = EXIT_BLOCKING
      return
    }
    const code = options.site ?? ''
    const site = await core.sites.getByCode(code)
    if (!site) throw notFound(`站点代码「${code}」不存在`)
    const bar = progress(`检查 ${site.name}`)
    let results: SweepResult[]
    let total = 0
    try {
      results = await core.checks.sweepSite(code, (done, all) => {
        total = all
        bar.onProgress(done, all)
      })
    } finally {
      bar.stop()
    }
    if (options.json) {
      const out = results.flatMap((r) =>
        r.findings.map((f) => ({ ...jsonFinding(f), articleId: r.articleId, url: r.url })),
      )
      console.log(JSON.stringify(out, null, 2))
    } else {
      printSite(site.name, code, total, results)
    }
    if (results.some((r) => hasBlocking(r.findings))) process.exitCode = EXIT_BLOCKING
  }).catch((e: unknown) => {
    if (isAppError(e) && e.status === 404) usage(e.message)
    throw e
  })
}

function jsonFinding(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    excerpt: f.excerpt,
    offset: f.offset,
    suggestion: f.suggestion,
  }
}

function line(f: Finding): string {
  const mark = f.severity === 'blocking' ? '✖' : '⚠'
  const where =
    f.field === 'attachment'
      ? `附件「${f.attachment ?? ''}」第 ${f.offset + 1} 字`
      : f.field === 'publishedAt'
        ? FINDING_FIELD_LABELS[f.field]
        : `${FINDING_FIELD_LABELS[f.field]}第 ${f.offset + 1} 字`
  return [
    `  ${mark} ${SEVERITY_LABELS[f.severity]} · ${CHECK_RULE_LABELS[f.rule]} · ${where}：「${f.excerpt}」`,
    `      ${f.message}`,
    `      建议：${f.suggestion}`,
  ].join('\n')
}

function tally(findings: Finding[]): string {
  const blocking = findings.filter((f) => f.severity === 'blocking').length
  return `阻止发布 ${blocking} 项，提醒 ${findings.length - blocking} 项`
}

function printFile(file: string, findings: Finding[]): void {
  if (findings.length === 0) {
    console.log(`${file}：未发现问题`)
    return
  }
  console.log(`${file}：发现 ${findings.length} 个问题（${tally(findings)}）`)
  for (const f of findings) console.log(line(f))
}

function printSite(name: string, code: string, total: number, results: SweepResult[]): void {
  const all = results.flatMap((r) => r.findings)
  console.log(
    `站点「${name}」（${code}）：已发布信息 ${total} 篇，${results.length} 篇发现问题（${tally(all)}）`,
  )
  for (const r of results) {
    console.log('')
    console.log(`【信息 ${r.articleId}】${r.title}`)
    if (r.url) console.log(`  地址：${r.url}`)
    for (const f of r.findings) console.log(line(f))
  }
}
