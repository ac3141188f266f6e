/** 便民数据库: field types and limits shared by the server and the admin. */
export const DATASET_FIELD_TYPES = ['text', 'number', 'date', 'phone', 'link', 'choice'] as const
export type DatasetFieldType = (typeof DATASET_FIELD_TYPES)[number]
export const DATASET_FIELD_TYPE_LABELS: Record<DatasetFieldType, string> = {
  text: '文本',
  number: '数字',
  date: '日期',
  phone: '电话',
  link: '链接',
  choice: '选项',
}

/** One column of a dataset as its administrator defined it. */
export interface DatasetField {
  /** Stable key: URL filter parameter, API property, import header alternative. */
  key: string
  label: string
  type: DatasetFieldType
  /** The allowed values of a `choice` field, in display order. */
  options: string[]
  isRequired: boolean
  isSearchable: boolean
  isFilterable: boolean
  isInList: boolean
  isInDetail: boolean
}

export const DATASET_LIMITS = {
  fieldsMax: 30,
  optionsMax: 100,
  valueMaxChars: 2000,
  rowsMax: 200_000,
  importRowsMax: 100_000,
  pageSizeMax: 100,
  publicPageSize: 20,
} as const

/** Field keys the query string already uses. */
export const DATASET_RESERVED_KEYS = ['q', 'page', 'pagesize', 'id', 'site', 'code'] as const
