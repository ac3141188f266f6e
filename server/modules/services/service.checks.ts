import {
  SERVICE_ELEMENT_DEDUCTION,
  SERVICE_ELEMENT_LABELS,
  type ServiceElement,
} from '../../../common/services'
import type { Deps } from '../../core-deps'
import { nowIso } from '../../db/dialect'
import { forbidden, notFound } from '../../errors'
import type { RequestContext } from '../users/actor'
import { findOverlaps, type OverlapReason } from './service.elements'
import { verifyStoredFile, verifyUrl, type FormVerdict } from './service.forms'
import { unitNames } from './service.presenter'
import { checkRunRepository, type CheckRun } from './service-check.repository'
import { serviceRepository } from './service.repository'
import { unitScope } from './service.service'

/**
 * The 检查 report of the catalogue: items missing key elements (which ones, and the points an
 * inspection would deduct), forms that don't download, and overlapping items of different
 * units. A run records its progress as it goes, so the admin can start it and poll.
 */

export const OVERLAP_REASON_LABELS: Record<OverlapReason, string> = {
  same_name: '名称相同',
  similar_name: '名称相近',
  same_basis: '设定依据相同',
}

import type { ServiceCheckReport } from '../../../common/services'
export type { ServiceCheckReport }

/** A run stuck in `running` this long was cut short (the process stopped). */
const STALE_MS = 60 * 60_000
const CONCURRENCY = 4

export interface CheckOptions {
  siteId?: number
  /** Per link; the county's inspection tools wait no longer than this for a form. */
  timeoutMs?: number
}

export class ServiceCheckService {
  constructor(private readonly deps: Deps) {}

  /** Starts a run in the background and returns it at once (poll `get`). */
  async start(ctx: RequestContext, options: CheckOptions = {}): Promise<CheckRun> {
    const scope = unitScope(ctx.actor, options.siteId)
    const id = await checkRunRepository.create(this.deps.db, scope ?? null, ctx.actor.id)
    void this.execute(id, scope, options).catch((err: unknown) =>
      this.deps.logger.error({ err }, 'service check failed'),
    )
    return this.get(ctx, id)
  }

  /** Runs to the end (CLI, jobs, tests). */
  async runNow(ctx: RequestContext, options: CheckOptions = {}): Promise<CheckRun> {
    const scope = unitScope(ctx.actor, options.siteId)
    const id = await checkRunRepository.create(this.deps.db, scope ?? null, ctx.actor.id)
    await this.execute(id, scope, options)
    return this.get(ctx, id)
  }

  async get(ctx: RequestContext, id: number): Promise<CheckRun> {
    const run = await checkRunRepository.get(this.deps.db, id)
    if (!run) throw notFound('检查记录不存在')
    if (!ctx.actor.isClusterAdmin && run.startedBy !== ctx.actor.id) throw forbidden()
    return stale(run)
  }

  async latest(ctx: RequestContext): Promise<CheckRun | null> {
    const run = await checkRunRepository.latest(
      this.deps.db,
      ctx.actor.isClusterAdmin ? undefined : (ctx.actor.id ?? -1),
    )
    return run ? stale(run) : null
  }

  private async execute(id: number, scope: number[] | undefined, options: CheckOptions) {
    const db = this.deps.db
    try {
      const [items, all, names] = await Promise.all([
        serviceRepository.all(db, scope),
        serviceRepository.all(db),
        unitNames(db),
      ])
      const materials = await serviceRepository.materialsOf(
        db,
        items.map((i) => i.id),
      )
      const forms = items.flatMap((item) =>
        (materials.get(item.id) ?? []).flatMap((m) =>
          (
            [
              ['template', m.templateFileId, m.templateUrl, m.templateType],
              ['sample', m.sampleFileId, m.sampleUrl, m.sampleType],
            ] as const
          )
            .filter(([, fileId, url]) => fileId !== null || url !== '')
            .map(([role, fileId, url, type]) => ({
              item,
              material: m.name,
              role,
              fileId,
              url,
              type,
            })),
        ),
      )
      await checkRunRepository.progress(db, id, 0, forms.length)
      const verdicts: FormVerdict[] = new Array(forms.length)
      let next = 0
      let done = 0
      const worker = async () => {
        while (next < forms.length) {
          const k = next++
          const f = forms[k]!
          const local = /^\/files\/([0-9a-f]{64})/.exec(f.url)?.[1]
          verdicts[k] =
            f.fileId !== null || local
              ? await verifyStoredFile(
                  db,
                  this.deps.files,
                  f.fileId !== null ? { fileId: f.fileId } : { sha256: local },
                  f.type,
                )
              : await verifyUrl(f.url, f.type, options.timeoutMs ?? 5000)
          done++
          if (done % 10 === 0) await checkRunRepository.progress(db, id, done, forms.length)
        }
      }
      await Promise.all(Array.from({ length: CONCURRENCY }, worker))
      const inScope = new Set(items.map((i) => i.id))
      const report: ServiceCheckReport = {
        generatedAt: nowIso(),
        items: items.length,
        missing: items
          .filter((i) => i.missing.length > 0)
          .map((i) => ({
            id: i.id,
            code: i.code,
            name: i.name,
            unitName: names.get(i.unitSiteId) ?? '',
            missing: i.missing.map((e: ServiceElement) => SERVICE_ELEMENT_LABELS[e]),
            deduction: i.missing.length * SERVICE_ELEMENT_DEDUCTION,
          })),
        forms: {
          total: forms.length,
          ok: verdicts.filter((v) => v.ok).length,
          rate: forms.length ? verdicts.filter((v) => v.ok).length / forms.length : 1,
          failed: forms.flatMap((f, k) => {
            const v = verdicts[k]
            if (!v || v.ok) return []
            return [
              {
                itemId: f.item.id,
                code: f.item.code,
                itemName: f.item.name,
                unitName: names.get(f.item.unitSiteId) ?? '',
                material: f.material,
                role: f.role,
                url: f.url || `file:${f.fileId}`,
                problem: v.problem,
                message: v.message,
              },
            ]
          }),
        },
        overlaps: findOverlaps(
          all.map((i) => ({
            id: i.id,
            code: i.code,
            name: i.name,
            unitSiteId: i.unitSiteId,
            basis: i.basis,
          })),
        )
          .filter((g) => g.items.some((i) => inScope.has(i.id)))
          .map((g) => ({
            reasons: g.reasons.map((r) => OVERLAP_REASON_LABELS[r]),
            similarity: g.similarity,
            items: g.items.map((i) => ({
              id: i.id,
              code: i.code,
              name: i.name,
              unitName: names.get(i.unitSiteId) ?? '',
            })),
          })),
      }
      await checkRunRepository.finish(db, id, { status: 'done', done: forms.length, report })
    } catch (err) {
      await checkRunRepository.finish(db, id, { status: 'failed', error: '检查中断，请重新开始' })
      throw err
    }
  }
}

function stale(run: CheckRun): CheckRun {
  if (run.status === 'running' && Date.now() - Date.parse(run.startedAt) > STALE_MS)
    return { ...run, status: 'failed', error: '检查中断（服务曾重启），请重新开始' }
  return run
}
