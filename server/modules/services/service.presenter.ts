import type { ServiceElement } from '../../../common/services'
import type { Executor } from '../../db/database'
import { fileRepository, type StoredFile } from '../files/file.repository'
import { fileUrl } from '../files/file.service'
import { siteRepository } from '../sites/site.repository'
import { serviceRepository, type ServiceItem, type ServiceMaterial } from './service.repository'

/** The only way service items leave the module: admin JSON and the public views. */

export interface FormView {
  fileId: number | null
  url: string
  type: string
  fileName: string
}

export interface MaterialView {
  name: string
  required: boolean
  copies: string
  notes: string
  template: FormView | null
  sample: FormView | null
}

export interface ServiceSummary {
  id: number
  code: string
  name: string
  unitSiteId: number
  unitName: string
  kind: string
  audience: string
  themes: string[]
  missingElements: ServiceElement[]
  enabled: boolean
  updatedAt: string
}

export type ServiceDetail = ServiceSummary &
  Omit<ServiceItem, 'id' | 'missing' | 'updatedAt'> & { materials: MaterialView[] }

/** Site names by id (the responsible units). */
export async function unitNames(db: Executor): Promise<Map<number, string>> {
  return new Map((await siteRepository.listAll(db)).map((s) => [s.id, s.name]))
}

export async function presentSummaries(
  db: Executor,
  items: ServiceItem[],
  names?: Map<number, string>,
): Promise<ServiceSummary[]> {
  const units = names ?? (await unitNames(db))
  const themes = await serviceRepository.themesOf(
    db,
    items.map((i) => i.id),
  )
  return items.map((i) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    unitSiteId: i.unitSiteId,
    unitName: units.get(i.unitSiteId) ?? '',
    kind: i.kind,
    audience: i.audience,
    themes: themes.get(i.id) ?? [],
    missingElements: i.missing,
    enabled: i.enabled,
    updatedAt: i.updatedAt,
  }))
}

function formView(
  fileId: number | null,
  url: string,
  type: string,
  files: Map<number, StoredFile>,
) {
  if (fileId !== null) {
    const f = files.get(fileId)
    if (!f) return { fileId, url: '', type, fileName: '' }
    return { fileId, url: fileUrl(f), type: type || f.ext, fileName: f.name }
  }
  if (!url) return null
  const fileName = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? '')
  return { fileId: null, url, type, fileName }
}

/** Materials with the download of each form (an uploaded file's public URL, or the link). */
export async function presentMaterials(
  db: Executor,
  materials: ServiceMaterial[],
): Promise<MaterialView[]> {
  const ids = materials.flatMap((m) =>
    [m.templateFileId, m.sampleFileId].filter((x): x is number => x !== null),
  )
  const files = new Map((await fileRepository.getMany(db, ids)).map((f) => [f.id, f]))
  return materials.map((m) => ({
    name: m.name,
    required: m.required,
    copies: m.copies,
    notes: m.notes,
    template: formView(m.templateFileId, m.templateUrl, m.templateType, files),
    sample: formView(m.sampleFileId, m.sampleUrl, m.sampleType, files),
  }))
}

export async function presentDetail(db: Executor, item: ServiceItem): Promise<ServiceDetail> {
  const [summary] = await presentSummaries(db, [item])
  const materials = (await serviceRepository.materialsOf(db, [item.id])).get(item.id) ?? []
  const { id: _id, missing: _missing, updatedAt: _u, ...fields } = item
  return {
    ...(summary as ServiceSummary),
    ...fields,
    materials: await presentMaterials(db, materials),
  }
}
