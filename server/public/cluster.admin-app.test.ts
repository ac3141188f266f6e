import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, hasChromium, launchChromium, listenLocally } from '../test/browser'
import { buildTestApp, TEST_DIALECT, type TestApp } from '../test/build-test-app'
import { EMPTY_AGGREGATE_RULE } from '../../common/cluster'
import { makeColumn } from '../test/factories'
import {
  draftOf,
  makeWorld,
  type Person,
  type World,
} from '../modules/cluster/submission.test-helpers'

/** The 站群协同 back-office screens in Chromium: accessible, and a submission adopted as a draft. */
describe.skipIf(!hasChromium)(`站群协同 back office (${TEST_DIALECT})`, () => {
  let t: TestApp
  let w: World
  let browser: Browser
  let base: string
  let submissionId = 0

  beforeAll(async () => {
    t = await buildTestApp()
    w = await makeWorld(t)
    const articleId = await draftOf(t, w, '安全生产大检查工作情况')
    const [s] = await t.core.submissions.submit(w.editorA.ctx, {
      articleId,
      targetColumnIds: [w.news.id],
      note: '请审阅采用',
    })
    if (!s) throw new Error('no submission')
    submissionId = s.id
    base = await listenLocally(t)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  async function signedIn(p: Person): Promise<Page> {
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1366, height: 900 } })
    await page.goto(`${base}/admin/`)
    await page.getByLabel('用户名').fill(p.username)
    await page.getByLabel('密码').fill(p.password)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: /工作台/ }).waitFor()
    return page
  }

  /** Picks an option of the open select dropdown once its opening animation has settled. */
  async function pick(page: Page, title: string): Promise<void> {
    const option = page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true })
    await option.waitFor()
    await settled(page)
    await option.click()
  }

  /** Waits until no CSS animation or transition runs (a fading element fails colour contrast). */
  async function settled(page: Page): Promise<void> {
    await page.waitForFunction(() =>
      document.getAnimations().every((a) => a.playState !== 'running'),
    )
  }

  /** WCAG 2.1 A/AA violations of the page once it has settled. */
  async function violations(page: Page): Promise<string[]> {
    await settled(page)
    return axeViolations(page)
  }

  it('renders the cluster screens without WCAG 2.1 A/AA violations or errors', async () => {
    const page = await signedIn(w.portalAdmin)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const found: Record<string, string[]> = {}
    const paths = [
      '/submissions',
      '/submissions/inbox',
      '/submissions/statistics',
      '/pushes/inbox',
      '/sharing',
    ]
    for (const path of paths) {
      await page.goto(`${base}/admin${path}`)
      await page.waitForLoadState('networkidle')
      const v = await violations(page)
      if (v.length) found[path] = v
    }
    await page.close()
    expect(errors).toEqual([])
    expect(found).toEqual({})
  })

  it('adopts a submission from the inbox as a draft and opens it in the editor', async () => {
    const page = await signedIn(w.portalEditor)
    await page.goto(`${base}/admin/submissions/inbox`)
    await page.getByRole('button', { name: '处理：安全生产大检查工作情况' }).click()
    const drawer = page.getByRole('dialog', { name: /报送信息：安全生产大检查工作情况/ })
    await drawer.getByText('请审阅采用').waitFor()
    await drawer.getByRole('button', { name: /^采\s?用$/ }).click()
    await page.getByRole('dialog', { name: '采用报送信息' }).getByLabel('来源').waitFor()
    expect(await violations(page)).toEqual([])

    const dialog = page.getByRole('dialog', { name: '采用报送信息' })
    expect(await dialog.getByLabel('来源').inputValue()).toBe(w.unitA.name)
    expect(await dialog.getByLabel('标题').inputValue()).toBe('安全生产大检查工作情况')
    await dialog.getByLabel('标题').fill('县安全生产大检查取得实效')
    await dialog.getByText('采用为草稿（编辑后再发布）').click()
    await dialog.getByRole('button', { name: /^采\s?用$/ }).click()

    await page.getByText('已采用为本站草稿').waitFor()
    await page.getByRole('link', { name: /编辑采用的信息/ }).click()
    await page.waitForURL(/\/admin\/articles\/\d+$/)
    const adoptedId = Number(/articles\/(\d+)$/.exec(page.url())?.[1])
    await page.close()

    const row = await t.core.deps.db
      .selectFrom('submission')
      .select(['status', 'adopted_article_id'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'adopted', adopted_article_id: adoptedId })
    const article = await t.core.deps.db
      .selectFrom('article')
      .select(['title', 'status', 'site_id', 'source'])
      .where('id', '=', adoptedId)
      .executeTakeFirstOrThrow()
    expect(article).toEqual({
      title: '县安全生产大检查取得实效',
      status: 'draft',
      site_id: w.portal.id,
      source: w.unitA.name,
    })
  })

  it('submits a saved article from the editor to a portal column', async () => {
    const articleId = await draftOf(t, w, '防汛应急演练顺利举行')
    const page = await signedIn(w.editorA)
    await page.goto(`${base}/admin/articles/${articleId}`)
    await page.getByRole('button', { name: /报\s?送/ }).click()
    const dialog = page.getByRole('dialog', { name: '报送：防汛应急演练顺利举行' })
    await dialog.getByLabel('报送至栏目').click()
    await pick(page, `${w.portal.name} · 部门动态`)
    await dialog.getByText(`将报送到：${w.portal.name}：部门动态`).waitFor()
    await page.keyboard.press('Escape')
    expect(await violations(page)).toEqual([])
    await dialog.getByLabel('报送说明').fill('请门户采用')
    await dialog.getByRole('button', { name: /^报\s?送$/ }).click()
    await dialog.getByText('已报送 1 条').waitFor()
    await page.close()
    const rows = await t.core.deps.db
      .selectFrom('submission')
      .select(['target_column_id', 'status', 'note'])
      .where('source_article_id', '=', articleId)
      .execute()
    expect(rows).toEqual([{ target_column_id: w.news.id, status: 'pending', note: '请门户采用' }])
  })

  it('previews an aggregate column rule in 栏目管理', async () => {
    await t.core.articles.create(w.editorA.ctx, {
      siteId: w.unitA.id,
      columnIds: [w.colA.id],
      title: '单位动态一则',
      bodyHtml: '<p>正文</p>',
    })
    const gather = await makeColumn(t.core, w.portal, {
      name: '部门工作动态',
      type: 'aggregate',
      settings: { aggregate: { ...EMPTY_AGGREGATE_RULE, columnIds: [w.colA.id] } },
    })
    const page = await signedIn(w.portalAdmin)
    await page.goto(`${base}/admin/columns`)
    await page.getByText(gather.name, { exact: true }).click()
    await page.getByText('聚合规则').waitFor()
    await page
      .getByRole('button', { name: /预\s?览/ })
      .last()
      .click()
    await page.getByText('匹配的来源栏目（1 个）').waitFor()
    expect(await violations(page)).toEqual([])
    await page.close()
  })

  it('sets a site’s sharing policy from 站点管理, checking the listed sources', async () => {
    const page = await signedIn(w.clusterAdmin)
    await page.goto(`${base}/admin/sites`)
    await page.getByRole('button', { name: `${w.unitB.name}的共享设置` }).click()
    const drawer = page.getByRole('dialog', { name: `共享设置：${w.unitB.name}` })
    const submissions = drawer.getByRole('radiogroup').first()
    await submissions.getByText('仅接收指定站点').click()
    await drawer.getByRole('button', { name: /^保\s?存$/ }).click()
    await drawer.getByText('请至少选择一个站点').waitFor()
    expect(await violations(page)).toEqual([])
    await drawer.getByLabel('允许报送的站点').click()
    await pick(page, w.unitA.name)
    await drawer.getByText('信息报送', { exact: true }).click()
    await drawer.getByRole('button', { name: /^保\s?存$/ }).click()
    await page.getByText('共享设置已保存').waitFor()
    await page.close()
    const policy = await t.core.sharing.get(w.clusterAdmin.ctx, w.unitB.id)
    expect(policy).toMatchObject({
      submissions: 'listed',
      submissionSources: [w.unitA.id],
      pushes: 'none',
      pushSources: [],
    })
  })

  it('pushes an article as a link and the portal accepts it into another column', async () => {
    const articleId = await draftOf(t, w, '政务服务“一网通办”再提速')
    const editor = await signedIn(w.editorA)
    await editor.goto(`${base}/admin/articles/${articleId}`)
    await editor.getByRole('button', { name: /推\s?送/ }).click()
    const dialog = editor.getByRole('dialog', { name: /推送（一稿多发）/ })
    await dialog.getByLabel('推送至栏目').click()
    await pick(editor, `${w.portal.name} · 部门动态`)
    await dialog.getByTitle(`${w.portal.name} · 部门动态`).waitFor()
    await editor.keyboard.press('Escape')
    await dialog.getByRole('button', { name: /^推\s?送$/ }).click()
    await dialog.getByRole('cell', { name: `${w.portal.name} · 部门动态` }).waitFor()
    await dialog.getByRole('cell', { name: '待接收' }).waitFor()
    expect(await violations(editor)).toEqual([])
    // The sender's notifications lead to the outbox tab.
    await editor.goto(`${base}/admin/pushes/inbox?box=outbox`)
    await editor.getByRole('button', { name: '撤回推送：政务服务“一网通办”再提速' }).waitFor()
    await editor.close()

    const page = await signedIn(w.portalEditor)
    await page.goto(`${base}/admin/pushes/inbox`)
    await page.getByRole('button', { name: '接收：政务服务“一网通办”再提速' }).click()
    const accept = page.getByRole('dialog', { name: /接收推送/ })
    await accept.getByLabel('显示在栏目').click()
    await pick(page, '要闻')
    await accept.getByTitle('要闻', { exact: true }).waitFor()
    await accept.getByRole('button', { name: /^接\s?收$/ }).click()
    await page.getByText('已接收').first().waitFor()
    await page.close()

    const push = await t.core.deps.db
      .selectFrom('push')
      .select(['state', 'target_column_id', 'kind'])
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow()
    expect(push).toEqual({ state: 'accepted', target_column_id: w.home.id, kind: 'linked' })
  })
})
