import type { Editor } from '@tiptap/react'
import { App, Button, Form, Result, Space, Spin, Tabs } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError, formErrors } from '../../api'
import { useSession } from '../../shell/session'
import { announceWorkChanged, type CheckInput } from '../review/review-api'
import { levelText } from '../review/review-labels'
import type { ArticleDetail } from './article-api'
import {
  FIELD_MAP,
  hasDisclosure,
  needsBackdateReason,
  toPayload,
  toValues,
  type EditorValues,
} from './article-form'
import {
  EmergencyPublishModal,
  ScheduleModal,
  UnpublishModal,
  type UnpublishValues,
} from './ArticleActionDialogs'
import { ArticleActions, type Busy } from './ArticleActions'
import { ArticleFormFields } from './ArticleFormFields'
import { ArticleHistoryPanel } from './ArticleHistoryPanel'
import { ChecksPanel } from './ChecksPanel'
import { EditorBanners } from './EditorBanners'
import { EditorHeading } from './EditorHeading'
import { PreviewDrawer } from './PreviewDrawer'
import { RevisionsPanel } from './RevisionsPanel'
import { ClusterEditorButtons } from '../cluster/ClusterEditorButtons'
import { useArticleColumns } from './useArticleColumns'
import { useContentChecks } from './useContentChecks'
import { useEffectiveLevels } from './useEffectiveLevels'

type Dialog = null | 'emergency' | 'schedule' | 'unpublish'

/** What happened, in words, after a submit: published, scheduled or waiting for review. */
function submittedMessage(a: ArticleDetail): string {
  if (a.review?.state === 'pending') {
    return `已提交审核，等待${levelText(a.review.level, a.review.levelCount, a.review.levelName)}`
  }
  if (a.status === 'scheduled' && a.publishAt) return `将于 ${formatDateTime(a.publishAt)} 定时发布`
  return a.status === 'published' ? '已发布' : '已提交'
}

/**
 * Create or edit an article: fields, files, rich text, preview; save, submit for review (or
 * publish when the column needs none), withdraw, emergency-publish, schedule, unpublish; content
 * checks that point into the text; revisions and the review/audit history.
 */
export default function ArticleEditorPage() {
  const { id: idParam } = useParams()
  const articleId = idParam ? Number(idParam) : null
  const isNew = articleId === null
  const { site, sites } = useSession()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<EditorValues>()
  const editorRef = useRef<Editor | null>(null)
  const [article, setArticle] = useState<ArticleDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loading, setLoading] = useState(!isNew)
  const [busy, setBusy] = useState<Busy>(null)
  const [dirty, setDirty] = useState(false)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [previewHtml, setPreviewHtml] = useState<string | null>(null)
  const [disclosureOpen, setDisclosureOpen] = useState<string[]>([])
  const held = useRef<number | null>(null)

  const siteId = article?.siteId ?? site?.id ?? 0
  const articleSite = sites.find((s) => s.id === siteId)
  const columns = useArticleColumns(siteId, sites)
  const { ensureColumns } = columns
  const primaryColumnId = Form.useWatch('primaryColumnId', form)
  const publishedAt = Form.useWatch('publishedAt', form)
  const showBackdate = needsBackdateReason(publishedAt, article?.createdAt)
  const levels = useEffectiveLevels(primaryColumnId, article?.workflow.levels.length ?? 1)

  useEffect(() => {
    if (siteId) ensureColumns(siteId).catch(() => message.error('栏目加载失败'))
  }, [siteId, ensureColumns, message])

  /** Shows an article the server returned: state, form values, clean. */
  const applyArticle = useCallback(
    (a: ArticleDetail) => {
      held.current = a.id
      setArticle(a)
      form.setFieldsValue(toValues(a))
      setDisclosureOpen((o) => (hasDisclosure(a) ? ['disclosure'] : o))
      setDirty(false)
    },
    [form],
  )

  useEffect(() => {
    if (isNew) {
      held.current = null
      setArticle(null)
      form.resetFields()
      setDirty(false)
      return
    }
    // Just created here and already shown: no need to fetch it again.
    if (held.current === articleId) return
    let cancelled = false
    setLoading(true)
    setLoadError(null)
    api
      .get<{ data: ArticleDetail }>(`/articles/${articleId}`)
      .then(async (res) => {
        const a = res.data
        await Promise.all(
          [...new Set([a.siteId, ...a.placements.map((p) => p.siteId)])].map((sid) =>
            ensureColumns(sid).catch(() => undefined),
          ),
        )
        if (!cancelled) applyArticle(a)
      })
      .catch((e: unknown) => {
        if (!cancelled) setLoadError(e instanceof ApiError ? e.message : '信息加载失败')
      })
      .finally(() => {
        if (!cancelled) setLoading(false)
      })
    return () => {
      cancelled = true
    }
  }, [articleId, isNew, form, ensureColumns, applyArticle])

  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const checkInput = (v: EditorValues): CheckInput => {
    const p = toPayload(v, showBackdate)
    return {
      siteId,
      title: p.title,
      bodyHtml: p.bodyHtml,
      attachments: p.attachments,
      publishedAt: p.publishedAt,
      ...(showBackdate ? { backdateReason: p.backdateReason } : {}),
      ...(article ? { articleId: article.id } : {}),
    }
  }

  const checks = useContentChecks(form, editorRef, checkInput)

  /** Field errors next to fields; blocked content checks open the findings panel. */
  const showErrors = async (e: unknown) => {
    if (e instanceof ApiError && e.code === 'checks_blocked') return checks.showBlocked(e)
    const { message: msg, fields } = formErrors(e)
    form.setFields(
      fields.map((f) => ({
        name: FIELD_MAP[f.name.join('.')] ?? f.name,
        errors: f.errors,
      })) as Parameters<typeof form.setFields>[0],
    )
    message.error(msg)
  }

  const validated = async (): Promise<EditorValues | null> => {
    try {
      await form.validateFields()
      return form.getFieldsValue(true) as EditorValues
    } catch {
      message.error('请按提示修改表单中的错误')
      return null
    }
  }

  /** Saves the form (creates the article when new); null when invalid. Throws server errors. */
  const persist = async (): Promise<ArticleDetail | null> => {
    const v = await validated()
    if (!v) return null
    const payload = toPayload(v, showBackdate)
    const saved = isNew
      ? (await api.post<{ data: ArticleDetail }>('/articles', { siteId, ...payload })).data
      : (await api.patch<{ data: ArticleDetail }>(`/articles/${articleId}`, payload)).data
    applyArticle(saved)
    // At once, not after the whole action: a later failure (e.g. submit refused) must not
    // leave the page on /new, where the next click would create a second article.
    if (isNew) navigate(`/articles/${saved.id}`, { replace: true })
    return saved
  }

  /** Runs one action with the busy flag and error display. */
  const act = async (key: Exclude<Busy, null>, run: () => Promise<ArticleDetail | null>) => {
    setBusy(key)
    try {
      return await run()
    } catch (e) {
      await showErrors(e)
      return null
    } finally {
      setBusy(null)
    }
  }

  const save = () =>
    act('save', async () => {
      const a = await persist()
      if (!a) return null
      const blocking = checks.showSaved(a)
      const what = a.workingCopy ? '修改稿已保存（线上版本不变）' : '已保存'
      if (blocking > 0)
        message.warning(`${what}；内容检查有 ${blocking} 个须修改的问题，提交前请修改`)
      else message.success(what)
      return a
    })

  const submit = () =>
    act('submit', async () => {
      // Unchanged content needs no new revision before submitting.
      const saved = isNew || (dirty && article?.can.edit) ? await persist() : article
      if (!saved) return null
      if (saved !== article) checks.showSaved(saved)
      const res = await api.post<{ data: ArticleDetail }>(`/articles/${saved.id}/submit`, {})
      applyArticle(res.data)
      announceWorkChanged()
      message.success(submittedMessage(res.data))
      return res.data
    })

  /** An action on the saved article that returns it (withdraw, emergency, schedule, unpublish). */
  const post = (key: Exclude<Busy, null>, path: string, body: object, done: string) =>
    act(key, async () => {
      if (!article) return null
      const res = await api.post<{ data: ArticleDetail }>(`/articles/${article.id}/${path}`, body)
      applyArticle(res.data)
      announceWorkChanged()
      message.success(done)
      setDialog(null)
      return res.data
    })

  const withdraw = () =>
    modal.confirm({
      title: '撤回审核？',
      content: '撤回后信息回到可编辑状态，需重新提交审核。',
      okText: '撤回',
      cancelText: '取消',
      onOk: () => post('withdraw', 'withdraw', {}, '已撤回审核'),
    })

  const emergency = async (reason: string) => {
    if (dirty && article?.can.edit) {
      const saved = await act('save', persist)
      if (!saved) return
    }
    await post('emergency', 'emergency-publish', { reason }, '已紧急发布，请尽快完成补审')
  }

  const remove = () => {
    if (!article) return
    modal.confirm({
      title: '确定删除该信息吗？',
      content: '删除后不可恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        setBusy('delete')
        try {
          await api.del(`/articles/${article.id}`)
          setDirty(false)
          message.success('已删除')
          navigate('/articles')
        } catch (e) {
          await showErrors(e)
        } finally {
          setBusy(null)
        }
      },
    })
  }

  const preview = async () => {
    const v = form.getFieldsValue(true) as EditorValues
    if (!v.primaryColumnId) {
      form.setFields([{ name: 'primaryColumnId', errors: ['预览前请先选择主栏目'] }])
      message.warning('预览前请先选择主栏目')
      return
    }
    setBusy('preview')
    try {
      const { columnIds: _c, backdateReason: _b, ...payload } = toPayload(v, false)
      const res = await api.post<{ data: { html: string } }>('/articles/preview', {
        ...payload,
        siteId,
        columnId: v.primaryColumnId,
      })
      setPreviewHtml(res.data.html)
    } catch (e) {
      await showErrors(e)
    } finally {
      setBusy(null)
    }
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault()
      if (!busy && (isNew || article?.can.edit)) void save()
    }
  }

  if (loadError) {
    return (
      <Result
        status="warning"
        title={loadError}
        extra={<Button onClick={() => navigate('/articles')}>返回信息列表</Button>}
      />
    )
  }
  if (!siteId) return <Spin description="加载中" />

  const editing = (
    <>
      <EditorBanners article={article} />
      <ArticleFormFields
        form={form}
        siteId={siteId}
        columns={columns}
        showBackdate={showBackdate}
        disclosureOpen={disclosureOpen}
        onDisclosureOpen={setDisclosureOpen}
        editorRef={editorRef}
        onValuesChange={() => setDirty(true)}
        disabled={article !== null && !article.can.edit}
        aside={
          <ChecksPanel
            findings={checks.findings}
            source={checks.source}
            running={checks.running}
            onRun={() => void checks.run()}
            onLocate={checks.locate}
            onReplace={checks.replace}
          />
        }
      />
    </>
  )

  return (
    <Spin spinning={loading} description="加载中">
      <div onKeyDown={onKeyDown}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
          <EditorHeading article={article} siteName={articleSite?.name} dirty={dirty} />
          <ArticleActions
            article={article}
            levels={levels}
            busy={busy}
            on={{
              preview: () => void preview(),
              save: () => void save(),
              submit: () => void submit(),
              withdraw,
              emergency: () => setDialog('emergency'),
              schedule: () => setDialog('schedule'),
              unpublish: () => setDialog('unpublish'),
              remove,
            }}
            extra={<ClusterEditorButtons article={article} dirty={dirty} />}
          />
        </Space>

        {/* Always tabs, so saving a new article doesn't remount the editor (undo survives). */}
        <Tabs
          items={[
            { key: 'edit', label: '内容', children: editing, forceRender: true },
            {
              key: 'revisions',
              label: '修订历史',
              disabled: !article,
              children: article && <RevisionsPanel article={article} onRestored={applyArticle} />,
            },
            {
              key: 'history',
              label: '审核与操作记录',
              disabled: !article,
              children: article && (
                <ArticleHistoryPanel articleId={article.id} version={article.updatedAt} />
              ),
            },
          ]}
        />

        <PreviewDrawer html={previewHtml} onClose={() => setPreviewHtml(null)} />
        <EmergencyPublishModal
          open={dialog === 'emergency'}
          onCancel={() => setDialog(null)}
          onSubmit={emergency}
        />
        <ScheduleModal
          open={dialog === 'schedule'}
          publishAt={article?.publishAt ?? null}
          canPlanPublish={article?.status !== 'published'}
          unpublishAt={article?.unpublishAt ?? null}
          onCancel={() => setDialog(null)}
          onSubmit={async (v) => {
            await post('schedule', 'schedule', v, '定时设置已保存')
          }}
        />
        <UnpublishModal
          open={dialog === 'unpublish'}
          onCancel={() => setDialog(null)}
          onSubmit={async (v: UnpublishValues) => {
            await post('unpublish', 'unpublish', v, '已撤销发布')
          }}
        />
      </div>
    </Spin>
  )
}
