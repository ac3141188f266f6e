import {
  SERVICE_AUDIENCE_LABELS,
  SERVICE_ELEMENT_LABELS,
  SERVICE_KIND_LABELS,
  serviceThemeByCode,
  type ServiceAudience,
} from '../../common/services'
import { formatDate } from '../../common/time'
import type { Column } from '../modules/columns/column.repository'
import { presentDetail, type FormView } from '../modules/services/service.presenter'
import { serviceRepository } from '../modules/services/service.repository'
import { questionsForService } from '../modules/questions'
import { notFoundPage, page, type Outcome } from './pages'
import { itemPath, serviceFrame } from './services-common.pages'
import type { ServicePageDeps } from './services.pages'
import { columnUrl, type PageContext } from './views'

/** A related entry of the hot-questions knowledge base (filled in by that module later). */
export interface RelatedQuestion {
  question: string
  url: string
}

const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean)

const TYPE_LABELS: Record<string, string> = {
  doc: 'Word',
  docx: 'Word',
  wps: 'WPS 文字',
  xls: 'Excel',
  xlsx: 'Excel',
  et: 'WPS 表格',
  pdf: 'PDF',
  ofd: 'OFD',
}

function formLink(f: FormView | null) {
  if (!f || !f.url) return null
  const type = f.type.toLowerCase()
  return {
    url: f.url,
    typeLabel: type ? `${TYPE_LABELS[type] ?? type.toUpperCase()}` : '',
    isExternal: /^https?:/.test(f.url),
  }
}

/** The view of one guide: every element (missing ones said so), fees, time limits, forms, FAQ. */
export async function serviceItemView(
  deps: ServicePageDeps,
  code: string,
  relatedQuestions: RelatedQuestion[] = [],
) {
  const item = await serviceRepository.getByCode(deps.db, code)
  if (!item || !item.enabled) return null
  const d = await presentDetail(deps.db, item)
  const element = (key: 'basis' | 'conditions' | 'location' | 'hours' | 'phone' | 'process') => ({
    key,
    label: SERVICE_ELEMENT_LABELS[key],
    paragraphs: paragraphs(d[key]),
    isMissing: item.missing.includes(key),
  })
  return {
    item,
    view: {
      code: d.code,
      name: d.name,
      unitName: d.unitName,
      kindLabel: SERVICE_KIND_LABELS[d.kind] ?? '',
      audienceLabel: SERVICE_AUDIENCE_LABELS[d.audience as ServiceAudience] ?? '',
      themes: d.themes.map((t) => serviceThemeByCode.get(t)?.name ?? t),
      elements: [element('basis'), element('conditions')],
      handling: [element('location'), element('hours'), element('phone')],
      process: element('process'),
      fee: {
        isFree: d.feeFree,
        standard: paragraphs(d.feeStandard),
        basis: paragraphs(d.feeBasis),
        isStated: d.feeFree || d.feeStandard !== '',
      },
      legalLimit: d.legalLimit,
      promisedLimit: d.promisedLimit,
      onlineUrl: /^https?:/.test(d.onlineUrl) ? d.onlineUrl : '',
      hasMaterials: d.materials.length > 0,
      materials: d.materials.map((m, i) => ({
        no: i + 1,
        name: m.name,
        requiredLabel: m.required ? '必需' : '非必需（视情况提供）',
        copies: m.copies,
        notes: m.notes,
        template: formLink(m.template),
        sample: formLink(m.sample),
      })),
      faq: d.faq,
      relatedQuestions,
      missing: item.missing.map((e) => SERVICE_ELEMENT_LABELS[e]),
      updatedDate: formatDate(item.updatedAt),
    },
  }
}

export async function renderServiceItem(
  deps: ServicePageDeps,
  ctx: PageContext,
  column: Column,
  code: string,
  isPortal: boolean,
): Promise<Outcome> {
  const found = await serviceItemView(deps, code, await questionsForService(deps.db, code))
  if (!found || (!isPortal && found.item.unitSiteId !== ctx.resolved.site.id))
    return notFoundPage(deps, ctx)
  const base = columnUrl(ctx.resolved.prefix, column)
  const url = itemPath(base, found.item.code)
  return page(
    deps,
    ctx,
    'service-item',
    {
      ...serviceFrame(ctx, column, found.view.name, [{ name: found.view.name, url }]),
      service: found.view,
    },
    {
      tags: [
        `column:${column.id}`,
        `service-item:${found.item.id}`,
        `services-site:${found.item.unitSiteId}`,
        // 相关问答 come from the hot-questions base.
        'questions-all',
        'sites',
      ],
      visits: [['column', column.id]],
      ttlMs: 30 * 60_000,
    },
  )
}
