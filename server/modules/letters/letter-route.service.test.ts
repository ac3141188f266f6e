import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../../test/build-test-app'
import { makeChannel, makePortal, systemCtx } from '../../test/factories'
import type { Site } from '../sites/site.repository'
import { categoryMatches, normaliseCategory, suggestUnit } from './letter-route.service'
import { mailboxRepository } from './mailbox.repository'

let t: TestApp
let portal: Site
let housing: Site
let planning: Site
let education: Site
let retired: Site
let boxA = 0
let boxB = 0
let boxC = 0
let channelBox = 0
let seq = 0
const code = () => `r-${Date.now().toString(36)}-${++seq}`

beforeAll(async () => {
  t = await buildTestApp()
  portal = await makePortal(t.core)
  housing = await makeChannel(t.core, portal)
  planning = await makeChannel(t.core, portal)
  education = await makeChannel(t.core, portal)
  retired = await makeChannel(t.core, portal)
  await t.core.sites.setStatus(systemCtx, retired.id, { status: 'archived' })
  const db = t.core.deps.db
  boxA = await mailboxRepository.insert(db, { siteId: portal.id, code: code(), name: '县长信箱' })
  boxB = await mailboxRepository.insert(db, { siteId: portal.id, code: code(), name: '政风行风' })
  boxC = await mailboxRepository.insert(db, { siteId: portal.id, code: code(), name: '12345' })
  channelBox = await mailboxRepository.insert(db, {
    siteId: housing.id,
    code: code(),
    name: '局长信箱',
  })
  await t.core.letterRoutes.replace(systemCtx, portal.id, [
    { mailboxId: boxA, type: 'complaint', categoryPrefix: '城乡建设', unitSiteId: housing.id },
    { mailboxId: null, type: '', categoryPrefix: '城乡建设/规划', unitSiteId: planning.id },
    { mailboxId: boxB, type: '', categoryPrefix: '', unitSiteId: planning.id },
    { mailboxId: null, type: 'suggestion', categoryPrefix: '教育', unitSiteId: education.id },
    { mailboxId: boxC, type: '', categoryPrefix: '', unitSiteId: education.id },
  ])
  // Rules are checked when saved; a unit archived later is skipped when suggesting.
  await t.core.deps.db
    .updateTable('letter_route')
    .set({ unit_site_id: retired.id })
    .where('site_id', '=', portal.id)
    .where('mailbox_id', '=', boxC)
    .execute()
})
afterAll(async () => t.close())

const suggest = (mailboxId: number, type: string, category: string, siteId = portal.id) =>
  suggestUnit(t.core.deps.db, { siteId, mailboxId, type, category })

describe(`suggestUnit (${TEST_DIALECT})`, () => {
  it('takes the first rule by priority matching mailbox, type and category prefix', async () => {
    // Both the first and the second rule match: the first wins.
    expect(await suggest(boxA, 'complaint', '城乡建设/规划/违建')).toBe(housing.id)
    expect(await suggest(boxA, 'complaint', '城乡建设')).toBe(housing.id)
    expect(await suggest(boxA, 'consult', '城乡建设/规划')).toBe(planning.id)
    expect(await suggest(boxA, 'help', '城乡建设/规划/违建')).toBe(planning.id)
    // Any type and category of mailbox B.
    expect(await suggest(boxB, 'other', '')).toBe(planning.id)
    expect(await suggest(boxA, 'suggestion', '教育/学前')).toBe(education.id)
  })

  it('matches a prefix only at a category boundary', async () => {
    expect(await suggest(boxA, 'suggestion', '教育局')).toBeNull()
    expect(await suggest(boxA, 'consult', '城乡建设/规划局')).toBeNull()
    expect(categoryMatches('城乡建设', '城乡建设 / 住房')).toBe(true)
    expect(categoryMatches('城乡建设', '城乡建设住房')).toBe(false)
    expect(categoryMatches('', '任何分类')).toBe(true)
    expect(normaliseCategory(' 城乡建设 //住房/ ')).toBe('城乡建设/住房')
  })

  it('falls back to the mailbox’s own site unless it is a portal', async () => {
    // No rule matches a consultation on the 县长信箱 with no category: the desk chooses.
    expect(await suggest(boxA, 'consult', '')).toBeNull()
    // A department's own mailbox: the department handles it.
    expect(await suggest(channelBox, 'consult', '', housing.id)).toBe(housing.id)
  })

  it('skips a rule whose unit has been archived', async () => {
    expect(await suggest(boxC, 'consult', '')).toBeNull()
  })
})
