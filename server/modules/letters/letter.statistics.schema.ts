import { Type } from 'typebox'
import { STATS_GROUPS } from './letter.statistics'

const Day = (title: string) =>
  Type.String({ title, pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 })
const Rate = Type.Union([Type.Number(), Type.Null()])

export const StatsQuerySchema = Type.Object({
  groupBy: Type.Enum(STATS_GROUPS, { title: '分组方式', default: 'unit' }),
  from: Type.Optional(Day('开始日期')),
  to: Type.Optional(Day('结束日期')),
  siteId: Type.Optional(Type.Integer({ title: '站点', minimum: 1 })),
  mailboxId: Type.Optional(Type.Integer({ title: '信箱', minimum: 1 })),
})

export const StatsRowSchema = Type.Object({
  key: Type.String({ description: '分组键：站点/信箱编号、来信类型、YYYY-MM；未交办为 none' }),
  label: Type.String(),
  received: Type.Integer({ description: '来信数（不含撤回、合并）' }),
  accepted: Type.Integer({ description: '受理数' }),
  answered: Type.Integer({ description: '答复数' }),
  onTime: Type.Integer({ description: '按时答复数' }),
  onTimeRate: Rate,
  avgDays: Rate,
  p90Days: Rate,
  rated: Type.Integer(),
  satisfied: Type.Integer(),
  basically: Type.Integer(),
  unsatisfied: Type.Integer(),
  satisfactionRate: Rate,
  reopened: Type.Integer(),
  reopenRate: Rate,
})

export const StatsResponse = Type.Object({
  data: Type.Object({ rows: Type.Array(StatsRowSchema), total: StatsRowSchema }),
})

export const PublicStatsQuery = Type.Object({
  site: Type.Optional(Type.String({ title: '站点代码', minLength: 1, maxLength: 64 })),
  mailbox: Type.Optional(Type.String({ title: '信箱代码', minLength: 1, maxLength: 64 })),
})

const PublicFiguresSchema = Type.Object({
  received: Type.Integer({ description: '来信数（不含撤回、合并）' }),
  accepted: Type.Integer({ description: '受理数' }),
  answered: Type.Integer({ description: '答复数' }),
  onTimeRate: Type.Union([Type.Number(), Type.Null()], { description: '按时答复率（0–1）' }),
  avgDays: Type.Union([Type.Number(), Type.Null()], { description: '平均答复用时（工作日）' }),
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], {
    description: '满意率：（满意 + 基本满意）÷ 参评数',
  }),
  rated: Type.Integer({ description: '参评数' }),
})
const PublicPeriodsSchema = {
  recent: PublicFiguresSchema,
  allTime: PublicFiguresSchema,
}

export const PublicStatsResponse = Type.Object({
  data: Type.Object({
    site: Type.Object({ code: Type.String(), name: Type.String() }),
    period: Type.Object(
      { from: Type.String(), to: Type.String() },
      { description: '近 12 个月（recent）的起止日期（北京时间）' },
    ),
    total: Type.Object(PublicPeriodsSchema),
    mailboxes: Type.Array(
      Type.Object({ code: Type.String(), name: Type.String(), ...PublicPeriodsSchema }),
    ),
  }),
})
