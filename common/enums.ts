/** Enumerations shared by the server and the admin, with their Chinese labels. */
export const SITE_KINDS = ['portal', 'channel', 'standalone'] as const
export type SiteKind = (typeof SITE_KINDS)[number]
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  portal: '门户网站',
  channel: '部门/乡镇频道',
  standalone: '独立网站',
}

export const SITE_STATUSES = ['open', 'closed', 'archived'] as const
export type SiteStatus = (typeof SITE_STATUSES)[number]
export const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  open: '正常运行',
  closed: '已关停（显示公告）',
  archived: '已归档',
}

/** Column types; letters, services, survey … are slots filled by later modules. */
export const COLUMN_TYPES = [
  'list',
  'page',
  'link',
  'letters',
  'services',
  'survey',
  'consultation',
  'interview',
  'faq',
  'dataset',
  'aggregate',
] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]
export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  list: '文章列表',
  page: '单页',
  link: '外部链接',
  letters: '信箱',
  services: '办事服务',
  survey: '问卷调查',
  consultation: '意见征集',
  interview: '在线访谈',
  faq: '热点解答',
  dataset: '便民数据库',
  aggregate: '聚合栏目',
}

/** 2015 inspection table: 动态/要闻 2 weeks, 通知公告/政策文件 6 months, 人事/规划计划 1 year. */
export const UPDATE_CLASSES = ['news', 'notice', 'plan', 'asNeeded'] as const
export type UpdateClass = (typeof UPDATE_CLASSES)[number]
export const UPDATE_CLASS_LABELS: Record<UpdateClass, string> = {
  news: '动态要闻（2周）',
  notice: '通知公告/政策文件（6个月）',
  plan: '人事/规划计划（1年）',
  asNeeded: '按需更新',
}

export const ARTICLE_STATUSES = [
  'draft',
  'pending',
  'scheduled',
  'published',
  'unpublished',
] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]
export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  pending: '待审核',
  scheduled: '待定时发布',
  published: '已发布',
  unpublished: '已撤销',
}

/** How a published item is taken down: a 410 notice with the reason, a redirect, or removal. */
export const UNPUBLISH_KINDS = ['withdrawn', 'redirect', 'removed'] as const
export type UnpublishKind = (typeof UNPUBLISH_KINDS)[number]
export const UNPUBLISH_KIND_LABELS: Record<UnpublishKind, string> = {
  withdrawn: '撤回并公告原因',
  redirect: '跳转到替代信息',
  removed: '删除（不再提供）',
}

export const REVIEW_STATES = ['pending', 'approved', 'returned', 'withdrawn'] as const
export type ReviewState = (typeof REVIEW_STATES)[number]
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  pending: '审核中',
  approved: '已通过',
  returned: '已退回',
  withdrawn: '已撤回',
}

export const REVIEW_DECISIONS = ['submit', 'approve', 'return', 'withdraw', 'emergency'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  submit: '提交审核',
  approve: '审核通过',
  return: '退回修改',
  withdraw: '撤回',
  emergency: '紧急发布',
}

export const MAX_REVIEW_LEVELS = 5

export const VALIDITIES = ['有效', '失效', '废止'] as const

export const PLACEMENT_KINDS = ['primary', 'linked', 'copy'] as const
export type PlacementKind = (typeof PLACEMENT_KINDS)[number]
