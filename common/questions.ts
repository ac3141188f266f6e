/** 热点解答 (咨询答问库): statuses, labels and limits shared by the server and the admin. */
export const QUESTION_STATUSES = ['draft', 'published'] as const
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]
export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  draft: '草稿',
  published: '已发布',
}

export const QUESTION_LIMITS = {
  questionMax: 300,
  detailMax: 5000,
  answerMax: 20000,
  topicMax: 20,
  topicsPerEntry: 10,
  servicesPerEntry: 20,
  policiesPerEntry: 20,
  importMaxRows: 2000,
  /** Entries per public list page. */
  pageSize: 20,
} as const

/** The columns of the xlsx import/export, in order; 问题 and 责任单位 are required. */
export const QUESTION_XLSX_COLUMNS = [
  '编号',
  '问题',
  '问题说明',
  '答复',
  '责任单位',
  '主题',
  '相关事项编码',
  '相关政策编号',
  '状态',
  '热点',
  '排序',
] as const

/** Topics and codes in one spreadsheet cell or form field: separated by 、，, ; or spaces. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,；;\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
}
