import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../core'
import { registerErrorHandler } from '../../plugins/error-handler'
import { systemActor } from '../users/actor'
import type { SessionInfo } from '../users/auth.service'
import { summarise } from './letter.statistics'
import { letterStatisticsAdminRoutes } from './letter.statistics.routes'

// `/letters/statistics` must never be taken for `/letters/:id`, whichever plugin registers
// first: find-my-way matches static paths before parametric ones.

let app: FastifyInstance

async function letterByIdRoutes(a: FastifyInstance): Promise<void> {
  a.withTypeProvider<TypeBoxTypeProvider>().get(
    '/letters/:id',
    { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (req) => ({ data: { letter: req.params.id } }),
  )
}

beforeAll(async () => {
  app = Fastify()
  registerErrorHandler(app)
  app.decorateRequest('session', null)
  app.addHook('onRequest', async (request) => {
    request.session = { actor: systemActor() } as SessionInfo
  })
  const core = {
    letterStats: { statistics: async () => ({ rows: [], total: summarise('total', '合计', []) }) },
  } as unknown as Core
  // The letter routes first: the worst case for the statistics.
  await app.register(letterByIdRoutes)
  await app.register(letterStatisticsAdminRoutes, { core })
  await app.ready()
})
afterAll(async () => app.close())

describe('statistics routes beside /letters/:id', () => {
  it('answers /letters/statistics and its spreadsheet, not the letter route', async () => {
    const json = await app.inject({ url: '/letters/statistics?groupBy=month' })
    expect(json.statusCode).toBe(200)
    expect(json.json().data.total).toMatchObject({ key: 'total', received: 0, onTimeRate: null })
    const xlsx = await app.inject({ url: '/letters/statistics.xlsx' })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect((await app.inject({ url: '/letters/42' })).json()).toEqual({ data: { letter: 42 } })
  })
})
