import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../core'
import { ctxOf } from '../../plugins/auth'
import {
  CoverageResponse,
  DayParams,
  DayPutSchema,
  DayResponse,
  YearOverridesSchema,
  YearParams,
  YearResponse,
} from './calendar.schema'

/** 工作日历: the working-day calendar reply deadlines count in (writes: cluster admins). */
export async function calendarAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['工作日历']
  r.get(
    '/calendar/coverage',
    {
      schema: {
        tags,
        summary: '今年和明年的节假日是否已知（安装的日历数据或已录入的设置）',
        response: { 200: CoverageResponse },
      },
    },
    async (req) => ({ data: await core.calendar.coverage(ctxOf(req)) }),
  )
  r.get(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: '一年中每天是工作日还是休息日，及其来源和节日名称',
        params: YearParams,
        response: { 200: YearResponse },
      },
    },
    async (req) => ({ data: await core.calendar.year(ctxOf(req), req.params.year) }),
  )
  r.put(
    '/calendar/days/:day',
    {
      schema: {
        tags,
        summary: '设置某天：节假日（holiday）或调休上班（workday）',
        params: DayParams,
        body: DayPutSchema,
        response: { 200: DayResponse },
      },
    },
    async (req) => ({ data: await core.calendar.setDay(ctxOf(req), req.params.day, req.body) }),
  )
  r.delete(
    '/calendar/days/:day',
    {
      schema: {
        tags,
        summary: '恢复某天的默认设置',
        params: DayParams,
        response: { 200: DayResponse },
      },
    },
    async (req) => ({ data: await core.calendar.removeDay(ctxOf(req), req.params.day) }),
  )
  r.put(
    '/calendar/:year/overrides',
    {
      schema: {
        tags,
        summary: '批量录入一年的节假日和调休上班日（替换该年已有的设置）',
        params: YearParams,
        body: YearOverridesSchema,
        response: { 200: YearResponse },
      },
    },
    async (req) => ({
      data: await core.calendar.replaceYear(ctxOf(req), req.params.year, req.body.days),
    }),
  )
}
