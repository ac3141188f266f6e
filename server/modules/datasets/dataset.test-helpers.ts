import type { Core } from '../../core'
import { systemContext } from '../users/actor'
import type { FieldInput } from './dataset.fields'

/** A 医疗机构名录-like definition used across the dataset tests. */
export const hospitalFields = (): FieldInput[] => [
  { key: 'name', label: '机构名称', type: 'text', isRequired: true, isSearchable: true },
  {
    key: 'kind',
    label: '机构类别',
    type: 'choice',
    options: ['综合医院', '中医医院', '卫生院', '诊所'],
    isFilterable: true,
  },
  { key: 'town', label: '所在乡镇', type: 'text', isFilterable: true, isSearchable: true },
  { key: 'beds', label: '床位数', type: 'number', isFilterable: true, isSearchable: false },
  { key: 'opened', label: '开业日期', type: 'date', isFilterable: true, isInList: false },
  { key: 'phone', label: '联系电话', type: 'phone', isSearchable: true },
  { key: 'url', label: '网址', type: 'link', isInList: false, isSearchable: false },
  {
    key: 'note',
    label: '内部备注',
    type: 'text',
    isInList: false,
    isInDetail: false,
    isSearchable: false,
  },
]

let seq = 0
export const datasetCode = (prefix = 'ds'): string =>
  `${prefix}-${Date.now().toString(36)}-${++seq}`

/** Creates a dataset as the system (cluster admin). */
export async function makeDataset(
  core: Core,
  siteId: number | null,
  extra: Partial<Parameters<Core['datasets']['create']>[1]> = {},
) {
  return core.datasets.create(systemContext('test'), {
    siteId,
    code: datasetCode(),
    name: '医疗机构名录',
    ownerUnit: '示例县卫生健康局',
    fields: hospitalFields(),
    orderField: 'name',
    ...extra,
  })
}

export const sampleRows = (): Record<string, string>[] => [
  {
    name: '示例县人民医院',
    kind: '综合医院',
    town: '城关镇',
    beds: '520',
    opened: '1952-05-01',
    phone: '0826-1234567',
    url: 'http://rmyy.example.cn/',
    note: '内部联系人王某',
  },
  { name: '示例县中医医院', kind: '中医医院', town: '城关镇', beds: '300', phone: '0826-7654321' },
  { name: '青山镇卫生院', kind: '卫生院', town: '青山镇', beds: '40', phone: '13800000001' },
  { name: 'ＡＢＣ口腔诊所', kind: '诊所', town: '城关镇', beds: '0', phone: '12345' },
]
