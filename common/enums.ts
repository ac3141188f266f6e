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

export const ARTICLE_STATUSES = ['draft', 'published', 'unpublished'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]
export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  published: '已发布',
  unpublished: '已撤销',
}

export const VALIDITIES = ['有效', '失效', '废止'] as const

export const PLACEMENT_KINDS = ['primary', 'linked', 'copy'] as const
export type PlacementKind = (typeof PLACEMENT_KINDS)[number]
