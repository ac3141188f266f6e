import { Type, type Static } from 'typebox'
import { SEARCH_TYPES } from '../../../common/search'

const Day = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 })

/** Filters of 搜索统计 (list and xlsx). `site` omitted: every site (cluster admins only). */
export const QueryStatsFilter = Type.Object({
  site: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  from: Type.Optional(Day('开始日期')),
  to: Type.Optional(Day('结束日期')),
  zero: Type.Optional(Type.Enum(['0', '1', 'false', 'true'], { title: '只看无结果搜索词' })),
})
export type QueryStatsFilterInput = Static<typeof QueryStatsFilter>

export const QueryStatsQuery = Type.Object({
  ...QueryStatsFilter.properties,
  page: Type.Integer({ title: '页码', minimum: 1, maximum: 1000, default: 1 }),
  pageSize: Type.Integer({ title: '每页条数', minimum: 1, maximum: 100, default: 20 }),
})
export type QueryStatsQueryInput = Static<typeof QueryStatsQuery>

const QueryStatSchema = Type.Object({
  query: Type.String({ description: '搜索词（个人号码已脱敏）' }),
  searches: Type.Integer({ description: '搜索次数' }),
  zeroHits: Type.Integer({ description: '无结果次数' }),
})

export const QueryStatsResponse = Type.Object({
  data: Type.Array(QueryStatSchema),
  total: Type.Integer({ description: '搜索词个数（最多统计前 1000 个）' }),
  from: Type.String(),
  to: Type.String(),
})

const byTypeProperties = Object.fromEntries(
  SEARCH_TYPES.map((t) => [t, Type.Integer({ minimum: 0 })]),
) as Record<(typeof SEARCH_TYPES)[number], ReturnType<typeof Type.Integer>>

export const IndexStatusResponse = Type.Object({
  data: Type.Object({
    engine: Type.String({ description: '检索引擎：sqlite-fts5 或 postgres' }),
    documents: Type.Integer({ description: '已索引的文档数' }),
    byType: Type.Object(byTypeProperties, { description: '按类型的文档数' }),
    pending: Type.Integer({ description: '待索引队列长度' }),
    indexBytes: Type.Union([Type.Integer(), Type.Null()], {
      description: '索引占用的字节数（数据库无法统计时为 null）',
    }),
  }),
})

export const ReindexResponse = Type.Object({
  data: Type.Object({ queued: Type.Boolean(), pending: Type.Integer() }),
})
