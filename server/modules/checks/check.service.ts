import {
  CHECK_RULES,
  CHECK_RULE_LABELS,
  DEFAULT_RULE_SEVERITIES,
  RULE_SEVERITIES,
  type CheckRule,
  type Finding,
  type LexiconKind,
  type RuleSeverity,
} from '../../../common/checks'
import type { Deps } from '../../core-deps'
import { forbidden, invalid, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { columnRepository } from '../columns/column.repository'
import { siteRepository } from '../sites/site.repository'
import { roleOn, type RequestContext } from '../users/actor'
import { ATTACHMENT_TEXT_MAX_BYTES, extractAttachmentText } from './attachment-text'
import { bodyText } from './body-text'
import { checkRepository } from './check.repository'
import { hasBlocking, type CheckInput } from './check.types'
import type { LexiconCreateInput, LexiconListInput, LexiconUpdateInput } from './checks.schema'
import {
  checkDocument,
  compileConfig,
  runChecks,
  type CheckConfig,
  type LinkVerdict,
} from './engine'
import { loadDictionaries } from './lexicon-data'
import { lexiconRepository, SETTING_RULES, type LexiconEntry } from './lexicon.repository'
import { authorizeLexiconRead, authorizeLexiconWrite, LexiconService } from './lexicon.service'
import {
  articleUrl,
  buildClusterMap,
  resolveLinks,
  type ClusterMap,
  type LinkContext,
  type LinkLookups,
} from './link-resolver'

export { hasBlocking }

/** Announced on the bus when word lists or severities change: every process recompiles. */
export const CHECKS_CONFIG_EVENT = 'checks.config'

export type ArticleCheckInput = CheckInput & {
  attachmentFileIds?: { fileId: number; name: string }[]
  /** The article's site (relative links); looked up from `selfArticleId` when missing. */
  siteId?: number
}

export interface RuleSetting {
  rule: CheckRule
  label: string
  severity: RuleSeverity
  default: RuleSeverity
}

export interface SweepResult {
  articleId: number
  title: string
  url: string
  findings: Finding[]
}

const SWEEP_BATCH = 200

/**
 * The content safety checks (issue 4 part 5): run on save and before every approval by the
 * article and review services, on demand from the admin, and over a whole site by the CLI.
 */
export class CheckService {
  private config: Promise<CheckConfig> | null = null
  private cluster: Promise<ClusterMap> | null = null
  private readonly lexicon: LexiconService

  constructor(private readonly deps: Deps) {
    this.lexicon = new LexiconService(deps, () => this.announce())
    deps.bus.subscribe((event) => {
      if (event.action === CHECKS_CONFIG_EVENT) this.config = null
      // Sites, hosts and column paths: what internal links resolve against.
      const structural =
        /^(?:site|column)\./.test(event.action) ||
        event.tags.some((t) => t === 'sites' || t === 'columns' || t === '*')
      if (structural) this.cluster = null
    })
  }

  /** The compiled word lists and severities, cached until the next `checks.config` event. */
  loadConfig(): Promise<CheckConfig> {
    if (!this.config) {
      const loading = this.compile()
      this.config = loading
      loading.catch(() => {
        if (this.config === loading) this.config = null
      })
    }
    return this.config
  }

  private async compile(): Promise<CheckConfig> {
    const [entries, severities] = await Promise.all([
      lexiconRepository.all(this.deps.db),
      this.severities(),
    ])
    const of = (k: LexiconKind) => entries.filter((e) => e.kind === k)
    return compileConfig({
      severities,
      dictionaries: loadDictionaries(),
      lists: {
        sensitive: of('sensitive'),
        wrong: of('wrong').map((e) => ({ term: e.term, replacement: e.replacement })),
        protected: of('protected'),
        adDomains: of('ad_domain').map((e) => e.term),
      },
    })
  }

  /** Every check on an article as it would be published; findings sorted by field and offset. */
  async checkArticle(input: ArticleCheckInput): Promise<Finding[]> {
    const config = await this.loadConfig()
    const attachments = [
      ...(input.attachments ?? []),
      ...(await this.attachmentTexts(input.attachmentFileIds ?? [])),
    ]
    let siteId = input.siteId ?? null
    let columnId: number | null = null
    if (input.selfArticleId) {
      columnId = await checkRepository.primaryColumnId(this.deps.db, input.selfArticleId)
      if (siteId === null) {
        siteId =
          (await checkRepository.articleBasics(this.deps.db, input.selfArticleId))?.siteId ?? null
      }
    }
    const links = await this.linkVerdicts([
      { html: input.bodyHtml, ctx: { siteId, columnId, selfArticleId: input.selfArticleId } },
    ])
    return runChecks({ ...input, attachments, links: links[0] }, config)
  }

  /** One loose document (the CLI's --file); relative links resolve as on the default portal. */
  async checkText(text: string, options: { isHtml: boolean }): Promise<Finding[]> {
    const config = await this.loadConfig()
    const links = options.isHtml
      ? (await this.linkVerdicts([{ html: text, ctx: { siteId: null } }]))[0]
      : undefined
    return checkDocument(text, config, { isHtml: options.isHtml, links })
  }

  /** For the admin's 检查 button: any member of staff with a role on the site. */
  async run(
    ctx: RequestContext,
    input: {
      siteId: number
      title: string
      bodyHtml: string
      attachments?: { fileId: number; name: string }[]
      publishedAt?: string | null
      backdateReason?: string | null
      articleId?: number
    },
  ): Promise<Finding[]> {
    const site = await siteRepository.get(this.deps.db, input.siteId)
    if (!site) throw notFound('站点不存在')
    if (roleOn(ctx.actor, site.id) === null) throw forbidden()
    let createdAt: string | null = null
    if (input.articleId) {
      const a = await checkRepository.articleBasics(this.deps.db, input.articleId)
      if (a && a.siteId === site.id) createdAt = a.createdAt
    }
    return this.checkArticle({
      siteId: site.id,
      title: input.title,
      bodyHtml: input.bodyHtml,
      attachmentFileIds: input.attachments,
      publishedAt: input.publishedAt ?? null,
      createdAt,
      backdateReason: input.backdateReason ?? null,
      selfArticleId: createdAt ? input.articleId : undefined,
    })
  }

  /**
   * Every published article of a site, a batch at a time (a portal holds 40,000): the articles
   * with at least one finding. Imported articles are not checked for back-dating: their entry
   * time here is the import, their date the original one.
   */
  async sweepSite(
    siteCode: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SweepResult[]> {
    const site = await siteRepository.getByCode(this.deps.db, siteCode)
    if (!site) throw notFound(`站点代码「${siteCode}」不存在`)
    const config = await this.loadConfig()
    const cluster = await this.clusterMap()
    const total = await checkRepository.countPublished(this.deps.db, site.id)
    const scheme = this.deps.config.publicUrl?.startsWith('https') ? 'https' : 'http'
    const results: SweepResult[] = []
    let done = 0
    let after = 0
    onProgress?.(0, total)
    for (;;) {
      const batch = await checkRepository.publishedBatch(this.deps.db, site.id, after, SWEEP_BATCH)
      if (batch.length === 0) break
      after = batch[batch.length - 1]?.id ?? after
      const verdicts = await this.linkVerdicts(
        batch.map((a) => ({
          html: a.bodyHtml,
          ctx: { siteId: site.id, columnId: a.columnId, selfArticleId: a.id },
        })),
      )
      for (const [i, a] of batch.entries()) {
        const attachments = await this.attachmentTexts(a.attachments)
        const findings = runChecks(
          {
            title: a.title,
            bodyHtml: a.bodyHtml,
            attachments,
            publishedAt: a.imported ? null : a.publishedAt,
            createdAt: a.createdAt,
            backdateReason: a.backdateReason,
            selfArticleId: a.id,
            links: verdicts[i],
          },
          config,
        )
        if (findings.length) {
          results.push({
            articleId: a.id,
            title: a.title,
            url: articleUrl(cluster, site.id, a, scheme),
            findings,
          })
        }
      }
      done += batch.length
      onProgress?.(done, Math.max(total, done))
    }
    return results
  }

  async getRules(): Promise<RuleSetting[]> {
    const current = await this.severities()
    return CHECK_RULES.map((rule) => ({
      rule,
      label: CHECK_RULE_LABELS[rule],
      severity: current[rule],
      default: DEFAULT_RULE_SEVERITIES[rule],
    }))
  }

  /** Changes some rules' severities (cluster admins); the others keep theirs. */
  async setRules(
    ctx: RequestContext,
    rules: Partial<Record<string, string>>,
  ): Promise<RuleSetting[]> {
    authorizeLexiconWrite(ctx)
    const errors: Record<string, string> = {}
    for (const [rule, severity] of Object.entries(rules)) {
      if (!(CHECK_RULES as readonly string[]).includes(rule))
        errors[`rules.${rule}`] = '没有这项检查规则'
      else if (!(RULE_SEVERITIES as readonly string[]).includes(severity ?? '')) {
        errors[`rules.${rule}`] = '级别应为阻止发布、提醒或关闭'
      }
    }
    if (Object.keys(errors).length) throw invalid('检查规则设置有误', errors)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await lexiconRepository.getSeverities(trx)
      const after = { ...before, ...(rules as Partial<Record<CheckRule, RuleSeverity>>) }
      await lexiconRepository.putSetting(trx, SETTING_RULES, JSON.stringify(after))
      await recordAudit(trx, ctx, {
        action: 'checks.rules',
        entity: 'setting',
        entityId: SETTING_RULES,
        diff: { before, after },
      })
    })
    this.announce()
    return this.getRules()
  }

  /** 词库 list, filtered by kind and text, a page at a time (any member of staff). */
  list(ctx: RequestContext, query: LexiconListInput) {
    return this.lexicon.list(ctx, query)
  }

  /** Adds a word-list entry (cluster admins); a duplicate (kind, term) is 409. */
  add(ctx: RequestContext, input: LexiconCreateInput): Promise<LexiconEntry> {
    return this.lexicon.add(ctx, input)
  }

  /** Changes an entry's term, replacement or note (cluster admins). */
  update(ctx: RequestContext, id: number, input: LexiconUpdateInput): Promise<LexiconEntry> {
    return this.lexicon.update(ctx, id, input)
  }

  /** Removes an entry (cluster admins). */
  remove(ctx: RequestContext, id: number): Promise<void> {
    return this.lexicon.remove(ctx, id)
  }

  /** Imports entries from .xlsx, all rows or none (cluster admins). */
  importXlsx(ctx: RequestContext, bytes: Buffer) {
    return this.lexicon.importXlsx(ctx, bytes)
  }

  /** The word lists (or one of them) as .xlsx, in the import's columns. */
  exportXlsx(ctx: RequestContext, kind?: LexiconKind): Promise<Buffer> {
    return this.lexicon.exportXlsx(ctx, kind)
  }

  /** Reading the rules needs a role somewhere (every member of staff). */
  async readRules(ctx: RequestContext): Promise<RuleSetting[]> {
    authorizeLexiconRead(ctx)
    return this.getRules()
  }

  /** Tells every process (and this one) to recompile the word lists and severities. */
  announce(): void {
    this.config = null
    this.deps.bus.publish({ action: CHECKS_CONFIG_EVENT, tags: [] })
  }

  private async severities(): Promise<Record<CheckRule, RuleSeverity>> {
    const stored = await lexiconRepository.getSeverities(this.deps.db)
    return { ...DEFAULT_RULE_SEVERITIES, ...stored }
  }

  private clusterMap(): Promise<ClusterMap> {
    if (!this.cluster) {
      const loading = Promise.all([
        siteRepository.listAll(this.deps.db),
        columnRepository.listAll(this.deps.db),
      ]).then(([sites, columns]) => buildClusterMap(sites, columns))
      this.cluster = loading
      loading.catch(() => {
        if (this.cluster === loading) this.cluster = null
      })
    }
    return this.cluster
  }

  /** Verdicts for the links and images of several bodies, two queries for all of them. */
  private async linkVerdicts(
    bodies: { html: string; ctx: LinkContext }[],
  ): Promise<Map<string, LinkVerdict>[]> {
    const items: { url: string; ctx: LinkContext; body: number }[] = []
    for (const [body, b] of bodies.entries()) {
      if (!b.html.includes('href') && !b.html.includes('src')) continue
      const urls = new Set(
        bodyText(b.html)
          .refs.filter((r) => r.kind !== 'embed')
          .map((r) => r.url),
      )
      for (const url of urls) items.push({ url, ctx: b.ctx, body })
    }
    const out = bodies.map(() => new Map<string, LinkVerdict>())
    if (items.length === 0) return out
    const lookups: LinkLookups = {
      articleStates: (ids) => checkRepository.articleStates(this.deps.db, ids),
      existingFiles: async (shas) => {
        const known = await checkRepository.existingShas(this.deps.db, shas)
        return new Set([...known].filter((sha) => this.deps.files.exists(sha)))
      },
    }
    const verdicts = await resolveLinks(await this.clusterMap(), lookups, items)
    for (const [i, v] of verdicts.entries()) {
      const target = out[items[i]?.body ?? 0]
      for (const [url, verdict] of v) target?.set(url, verdict)
    }
    return out
  }

  /** Attachments with their text where the type allows (txt, csv, html, docx). */
  private async attachmentTexts(
    refs: { fileId: number; name: string }[],
  ): Promise<{ name: string; text?: string }[]> {
    if (refs.length === 0) return []
    const files = await checkRepository.files(
      this.deps.db,
      refs.map((r) => r.fileId),
    )
    const out: { name: string; text?: string }[] = []
    for (const r of refs) {
      const f = files.get(r.fileId)
      const name = r.name || f?.name || ''
      let text: string | undefined
      if (f && f.size <= ATTACHMENT_TEXT_MAX_BYTES && this.deps.files.exists(f.sha256)) {
        try {
          text = extractAttachmentText(await this.deps.files.read(f.sha256), f.ext) ?? undefined
        } catch (e) {
          this.deps.logger.warn({ err: e, fileId: r.fileId }, 'attachment text extraction failed')
        }
      }
      out.push(text === undefined ? { name } : { name, text })
    }
    return out
  }
}
