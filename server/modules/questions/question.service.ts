import { QUESTION_LIMITS as L, type QuestionStatus } from '../../../common/questions'
import type { Deps } from '../../core-deps'
import type { Executor, Trx } from '../../db/database'
import { bool } from '../../db/dialect'
import { AppError, forbidden, invalid, isAppError, notFound } from '../../errors'
import { recordAudit } from '../audit/audit.repository'
import { maySee, redactForPublication } from '../letters/letter.access'
import type { RequestContext } from '../users/actor'
import { questionLinks } from './question-links.repository'
import { canKeep, questionScope } from './question.policy'
import {
  presentDetail,
  presentListItem,
  type QuestionDetail,
  type QuestionListItem,
} from './question.presenter'
import { questionRepository, type Question, type QuestionValues } from './question.repository'
import type { QuestionInput, QuestionListInput } from './question.schema'

/** Announced after every committed change; the public 热点解答 pages carry these tags. */
export const QUESTION_CHANGE_EVENT = 'question.change'

/** Cache tags of an entry's pages: the entry, its unit's lists and the portal's (all) lists. */
export const questionTags = (id: number, unitSiteIds: number[]): string[] => [
  `question:${id}`,
  ...unitSiteIds.map((u) => `questions-unit:${u}`),
  'questions-all',
]

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
const chars = (s: string) => [...s].length
const cut = (s: string, max: number) => [...s].slice(0, max).join('')

export interface CleanEntry extends QuestionValues {
  topics: string[]
  serviceCodes: string[]
  policyIds: number[]
}

/** Checks and trims what staff entered; `fields` name what is wrong (400 `invalid`). */
export function cleanEntry(input: QuestionInput, before?: Question): CleanEntry {
  const fields: Record<string, string> = {}
  const question = input.question.trim()
  if (!question) fields.question = '问题不能为空'
  else if (chars(question) > L.questionMax) fields.question = `问题不能超过 ${L.questionMax} 个字`
  const detail = (input.detail ?? before?.detail ?? '').trim()
  if (chars(detail) > L.detailMax) fields.detail = `问题说明不能超过 ${L.detailMax} 个字`
  const answer = input.answer.trim()
  if (chars(answer) > L.answerMax) fields.answer = `答复不能超过 ${L.answerMax} 个字`
  const status: QuestionStatus = input.status ?? before?.status ?? 'draft'
  if (status === 'published' && !answer) fields.answer = '发布前请填写答复'
  const topics = [...new Set((input.topics ?? []).map((t) => t.trim()).filter(Boolean))]
  if (topics.length > L.topicsPerEntry) fields.topics = `主题最多 ${L.topicsPerEntry} 个`
  const longTopic = topics.find((t) => chars(t) > L.topicMax)
  if (longTopic) fields.topics = `主题“${cut(longTopic, 10)}…”超过 ${L.topicMax} 个字`
  // Topics name public pages (`<column>/topic/<topic>/`): no URL punctuation.
  const oddTopic = topics.find((t) => /[/\\?#%&]/.test(t))
  if (oddTopic) fields.topics = `主题“${cut(oddTopic, 10)}”不能含有 / \\ ? # % & 等符号`
  const serviceCodes = [...new Set((input.serviceCodes ?? []).map((c) => c.trim()).filter(Boolean))]
  const badCode = serviceCodes.find((c) => !CODE_RE.test(c))
  if (badCode)
    fields.serviceCodes = `事项编码“${cut(badCode, 20)}”格式不正确（字母、数字、点、横线）`
  if (serviceCodes.length > L.servicesPerEntry)
    fields.serviceCodes = `相关事项最多 ${L.servicesPerEntry} 个`
  const policyIds = [...new Set(input.policyIds ?? [])]
  if (policyIds.length > L.policiesPerEntry)
    fields.policyIds = `相关政策最多 ${L.policiesPerEntry} 个`
  const first = Object.values(fields)[0]
  if (first) throw invalid(first, fields)
  return {
    unitSiteId: input.unitSiteId,
    question,
    detail,
    answer,
    status,
    isHot: input.isHot ?? before?.isHot ?? false,
    sort: input.sort ?? before?.sort ?? 0,
    topics,
    serviceCodes,
    policyIds,
  }
}

const ANSWERED = new Set(['answered', 'closed'])

/** 热点解答: the cluster's Q&A base, kept by the units. */
export class QuestionService {
  constructor(private readonly deps: Deps) {}

  async list(
    ctx: RequestContext,
    f: QuestionListInput,
  ): Promise<{ data: QuestionListItem[]; total: number; page: number; pageSize: number }> {
    const page = f.page ?? 1
    const pageSize = f.pageSize ?? 20
    const { items, total } = await questionRepository.list(
      this.deps.db,
      {
        units: questionScope(ctx.actor),
        unitSiteId: f.siteId,
        status: f.status,
        topic: f.topic?.trim() || undefined,
        q: f.q?.trim() || undefined,
        isHot: f.isHot,
      },
      { offset: (page - 1) * pageSize, limit: pageSize },
    )
    const topics = await questionLinks.topicsOf(
      this.deps.db,
      items.map((q) => q.id),
    )
    return {
      data: items.map((q) => presentListItem(q, topics.get(q.id) ?? [])),
      total,
      page,
      pageSize,
    }
  }

  async get(ctx: RequestContext, id: number): Promise<QuestionDetail> {
    const q = await questionRepository.get(this.deps.db, id)
    if (!q) throw notFound('热点解答不存在')
    if (!canKeep(ctx.actor, q.unitSiteId)) throw forbidden('您没有权限查看该单位的热点解答')
    const db = this.deps.db
    const [topics, codes, policies] = await Promise.all([
      questionLinks.topicsOf(db, [id]),
      questionLinks.serviceCodesOf(db, [id]),
      questionLinks.policiesOf(db, [id]),
    ])
    const serviceCodes = codes.get(id) ?? []
    const names = await questionLinks.serviceNames(db, serviceCodes)
    return presentDetail(q, {
      topics: topics.get(id) ?? [],
      services: serviceCodes.map((code) => ({ code, name: names.get(code) ?? null })),
      policies: policies.get(id) ?? [],
    })
  }

  async create(ctx: RequestContext, input: QuestionInput): Promise<QuestionDetail> {
    const entry = cleanEntry(input)
    await this.checkRefs(ctx, entry)
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const id = await this.insert(trx, ctx, entry, null)
      await recordAudit(trx, ctx, {
        action: 'question.create',
        entity: 'question',
        entityId: id,
        siteId: entry.unitSiteId,
        diff: entry,
      })
      return id
    })
    this.changed(id, [entry.unitSiteId])
    return this.get(ctx, id)
  }

  async update(ctx: RequestContext, id: number, input: QuestionInput): Promise<QuestionDetail> {
    const current = await this.writable(ctx, id)
    const entry = cleanEntry(await this.withCurrentLinks(id, input), current)
    await this.checkRefs(ctx, entry)
    await this.deps.db.transaction().execute(async (trx) => {
      const before = await questionRepository.get(trx, id)
      if (!before) throw notFound('热点解答不存在')
      await questionRepository.update(trx, id, entry, before, ctx.actor.id)
      await questionLinks.replace(trx, id, entry)
      await recordAudit(trx, ctx, {
        action: 'question.update',
        entity: 'question',
        entityId: id,
        siteId: entry.unitSiteId,
        diff: { before: { ...before }, after: entry },
      })
    })
    this.changed(id, [current.unitSiteId, entry.unitSiteId])
    return this.get(ctx, id)
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    const current = await this.writable(ctx, id)
    await this.deps.db.transaction().execute(async (trx) => {
      if ((await questionRepository.delete(trx, id)) === 0) throw notFound('热点解答不存在')
      await recordAudit(trx, ctx, {
        action: 'question.delete',
        entity: 'question',
        entityId: id,
        siteId: current.unitSiteId,
        diff: { question: current.question, letterId: current.letterId },
      })
    })
    this.changed(id, [current.unitSiteId])
  }

  /**
   * 转为热点解答: a draft entry from an answered or closed letter, in its published (redacted)
   * copy when it has one, otherwise in the auto-redacted text. Only people who may see the
   * letter; the unit is the letter's handling unit (or its mailbox's site) that the actor keeps.
   */
  async fromLetter(ctx: RequestContext, letterId: number): Promise<QuestionDetail> {
    const db = this.deps.db
    const letter = await questionRepository.letterSource(db, letterId)
    if (!letter) throw notFound('来信不存在')
    if (!maySee(ctx.actor, { siteId: letter.site_id, unitSiteId: letter.unit_site_id })) {
      throw forbidden('您无权查看这封来信')
    }
    if (!ANSWERED.has(letter.state)) {
      throw new AppError(409, 'letter_not_answered', '只有已答复或已办结的来信可以转为热点解答')
    }
    const unitSiteId = [letter.unit_site_id, letter.site_id].find(
      (s): s is number => s !== null && canKeep(ctx.actor, s),
    )
    if (unitSiteId === undefined) throw forbidden('您不能维护这封来信承办单位的热点解答')
    const converted = (questionId: number) =>
      new AppError(
        409,
        'letter_already_converted',
        `这封来信已转为热点解答（编号 ${questionId}）`,
        undefined,
        { questionId },
      )
    const existing = await questionRepository.byLetter(db, letterId)
    if (existing !== undefined) throw converted(existing)
    const writer = {
      name: letter.writer_name,
      mobile: letter.writer_mobile,
      email: letter.writer_email,
    }
    const isPublished = bool(letter.published)
    const text = (published: string, original: string) =>
      isPublished && published ? published : redactForPublication(original, writer)
    const entry: CleanEntry = {
      unitSiteId,
      question: cut(text(letter.public_subject, letter.subject).trim(), L.questionMax),
      detail: cut(text(letter.public_body, letter.body).trim(), L.detailMax),
      answer: cut(text(letter.public_reply, letter.reply).trim(), L.answerMax),
      status: 'draft',
      isHot: false,
      sort: 0,
      topics: [],
      serviceCodes: [],
      policyIds: [],
    }
    let id: number
    try {
      id = await db.transaction().execute(async (trx) => {
        const id = await this.insert(trx, ctx, entry, letterId)
        await recordAudit(trx, ctx, {
          action: 'question.from_letter',
          entity: 'question',
          entityId: id,
          siteId: unitSiteId,
          diff: { letterId, question: entry.question },
        })
        return id
      })
    } catch (err) {
      if (isAppError(err)) throw err
      // Two clicks at once: the unique letter link keeps one entry.
      const raced = await questionRepository.byLetter(db, letterId)
      if (raced !== undefined) throw converted(raced)
      throw err
    }
    this.changed(id, [unitSiteId])
    return this.get(ctx, id)
  }

  /** Topics in use in the actor's units (the editor's suggestions and the list filter). */
  async topics(ctx: RequestContext): Promise<{ topic: string; count: number }[]> {
    return questionLinks.topicCounts(this.deps.db, {
      units: questionScope(ctx.actor),
      publishedOnly: false,
    })
  }

  /** Articles for the policy picker: published ones by title, or the given ids (shown chosen). */
  async policyOptions(_ctx: RequestContext, q: string, ids: number[]) {
    return questionLinks.policyOptions(this.deps.db, q.trim(), ids.slice(0, 50))
  }

  /** Links the input leaves out (undefined, not []) stay as they are. */
  async withCurrentLinks(id: number, input: QuestionInput): Promise<QuestionInput> {
    const db = this.deps.db
    const [topics, codes, policies] = await Promise.all([
      input.topics ?? questionLinks.topicsOf(db, [id]).then((m) => m.get(id) ?? []),
      input.serviceCodes ?? questionLinks.serviceCodesOf(db, [id]).then((m) => m.get(id) ?? []),
      input.policyIds ??
        questionLinks.policiesOf(db, [id]).then((m) => (m.get(id) ?? []).map((p) => p.id)),
    ])
    return { ...input, topics, serviceCodes: codes, policyIds: policies }
  }

  /** Inserts an entry and its links inside the caller's transaction. */
  async insert(
    trx: Trx,
    ctx: RequestContext,
    entry: CleanEntry,
    letterId: number | null,
  ): Promise<number> {
    const id = await questionRepository.insert(trx, { ...entry, letterId, actorId: ctx.actor.id })
    await questionLinks.replace(trx, id, entry)
    return id
  }

  /** The unit must exist and be the actor's; policies must be articles. */
  async checkRefs(ctx: RequestContext, entry: CleanEntry, db: Executor = this.deps.db) {
    if (!(await questionRepository.siteExists(db, entry.unitSiteId))) {
      throw invalid('责任单位不存在', { unitSiteId: '责任单位不存在' })
    }
    if (!canKeep(ctx.actor, entry.unitSiteId)) {
      throw forbidden('您只能维护本单位的热点解答')
    }
    const found = await questionLinks.existingArticles(db, entry.policyIds)
    const missing = entry.policyIds.filter((id) => !found.has(id))
    if (missing.length) {
      const m = `相关政策（信息编号 ${missing.join('、')}）不存在`
      throw invalid(m, { policyIds: m })
    }
  }

  private async writable(ctx: RequestContext, id: number): Promise<Question> {
    const current = await questionRepository.get(this.deps.db, id)
    if (!current) throw notFound('热点解答不存在')
    if (!canKeep(ctx.actor, current.unitSiteId)) throw forbidden('您只能维护本单位的热点解答')
    return current
  }

  /** After a commit: the entry's pages and the lists it stands in are stale. */
  changed(id: number | null, unitSiteIds: number[]): void {
    const units = [...new Set(unitSiteIds)]
    this.deps.bus.publish({
      action: QUESTION_CHANGE_EVENT,
      tags:
        id === null
          ? units.map((u) => `questions-unit:${u}`).concat('questions-all')
          : questionTags(id, units),
    })
  }
}
