import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EyeOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Drawer,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { ARTICLE_STATUS_LABELS, VALIDITIES } from '../../../../common/enums'
import { LIMITS } from '../../../../common/limits'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError, formErrors } from '../../api'
import { useSession } from '../../shell/session'
import {
  columnTree,
  loadColumns,
  STATUS_COLORS,
  type AdminColumn,
  type ArticleDetail,
} from './article-api'
import {
  AttachmentsInput,
  CoverInput,
  type AttachmentValue,
  type CoverValue,
} from './ArticleFileInputs'
import { RichTextEditor } from './RichTextEditor'

interface EditorValues {
  title: string
  subtitle?: string
  source?: string
  author?: string
  primaryColumnId?: number
  linkedColumnIds?: number[]
  publishedAt?: Dayjs | null
  summary?: string
  keywords?: string
  linkUrl?: string
  cover?: CoverValue | null
  coverAlt?: string
  attachments?: AttachmentValue[]
  bodyHtml?: string
  disclosure?: {
    indexNo?: string
    docNo?: string
    issuer?: string
    writtenAt?: Dayjs | null
    subjectCategory?: string
    validity?: string
  }
}

/** Server field names → form field paths. */
const FIELD_MAP: Record<string, (string | number)[]> = {
  columnIds: ['primaryColumnId'],
  coverFileId: ['cover'],
  'disclosure.writtenAt': ['disclosure', 'writtenAt'],
}

function toValues(a: ArticleDetail): EditorValues {
  const primary = a.placements.find((p) => p.kind === 'primary')
  const cover = a.files.find((f) => f.role === 'cover')
  const d = a.disclosure
  return {
    title: a.title,
    subtitle: a.subtitle,
    source: a.source,
    author: a.author,
    primaryColumnId: primary?.columnId,
    linkedColumnIds: a.placements.filter((p) => p.kind !== 'primary').map((p) => p.columnId),
    publishedAt: a.publishedAt ? dayjs(a.publishedAt) : null,
    summary: a.summary,
    keywords: a.keywords,
    linkUrl: a.linkUrl,
    cover: cover ? { id: cover.fileId, url: cover.url, name: cover.name } : null,
    coverAlt: a.coverAlt,
    attachments: a.files
      .filter((f) => f.role === 'attachment')
      .map((f) => ({ fileId: f.fileId, name: f.name, url: f.url, size: f.size })),
    bodyHtml: a.bodyHtml,
    disclosure: {
      indexNo: d?.indexNo ?? '',
      docNo: d?.docNo ?? '',
      issuer: d?.issuer ?? '',
      writtenAt: d?.writtenAt ? dayjs(d.writtenAt) : null,
      subjectCategory: d?.subjectCategory ?? '',
      validity: d?.validity ?? '',
    },
  }
}

/** The request body the server expects, from the form's values. */
function toPayload(v: EditorValues) {
  const d = v.disclosure ?? {}
  const primary = v.primaryColumnId
  return {
    title: (v.title ?? '').trim(),
    subtitle: v.subtitle ?? '',
    source: v.source ?? '',
    author: v.author ?? '',
    columnIds: primary ? [primary, ...(v.linkedColumnIds ?? []).filter((c) => c !== primary)] : [],
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    summary: v.summary ?? '',
    keywords: v.keywords ?? '',
    linkUrl: (v.linkUrl ?? '').trim(),
    coverFileId: v.cover?.id ?? null,
    coverAlt: v.cover ? (v.coverAlt ?? '') : '',
    attachments: (v.attachments ?? []).map((a) => ({ fileId: a.fileId, name: a.name.trim() })),
    bodyHtml: v.bodyHtml ?? '',
    disclosure: {
      indexNo: d.indexNo ?? '',
      docNo: d.docNo ?? '',
      issuer: d.issuer ?? '',
      writtenAt: d.writtenAt ? d.writtenAt.format('YYYY-MM-DD') : null,
      subjectCategory: d.subjectCategory ?? '',
      validity: d.validity ?? '',
    },
  }
}

type Busy = null | 'save' | 'publish' | 'unpublish' | 'preview' | 'delete'

/** Create or edit an article: fields, columns, files, 信息公开, rich text, preview, publish. */
export default function ArticleEditorPage() {
  const { id: idParam } = useParams()
  const articleId = idParam ? Number(idParam) : null
  const isNew = articleId === null
  const { site, sites, role } = useSession()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [form] = Form.useForm<EditorValues>()
  const [article, setArticle] = useState<ArticleDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [loading, setLoading] = useState(!isNew)
  const [busy, setBusy] = useState<Busy>(null)
  const [dirty, setDirty] = useState(false)
  const [columnsBySite, setColumnsBySite] = useState<Map<number, AdminColumn[]>>(new Map())
  const [previewHtml, setPreviewHtml] = useState<string | null>(null)
  const [disclosureOpen, setDisclosureOpen] = useState<string[]>([])

  const siteId = article?.siteId ?? site?.id ?? 0
  const articleSite = sites.find((s) => s.id === siteId)

  const ensureColumns = useCallback(async (sid: number) => {
    const cols = await loadColumns(sid)
    setColumnsBySite((m) => (m.has(sid) ? m : new Map(m).set(sid, cols)))
  }, [])

  useEffect(() => {
    if (siteId) ensureColumns(siteId).catch(() => message.error('栏目加载失败'))
  }, [siteId, ensureColumns, message])

  useEffect(() => {
    if (isNew) {
      setArticle(null)
      form.resetFields()
      setDirty(false)
      return
    }
    let cancelled = false
    setLoading(true)
    setLoadError(null)
    api
      .get<{ data: ArticleDetail }>(`/articles/${articleId}`)
      .then(async (res) => {
        if (cancelled) return
        const a = res.data
        await Promise.all(
          [...new Set([a.siteId, ...a.placements.map((p) => p.siteId)])].map((sid) =>
            ensureColumns(sid).catch(() => undefined),
          ),
        )
        if (cancelled) return
        setArticle(a)
        form.setFieldsValue(toValues(a))
        setDisclosureOpen(a.disclosure ? ['disclosure'] : [])
        setDirty(false)
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
  }, [articleId, isNew, form, ensureColumns])

  useEffect(() => {
    if (!dirty) return
    const warn = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const primaryTree = useMemo(
    () => columnTree(columnsBySite.get(siteId) ?? []),
    [columnsBySite, siteId],
  )

  // Linked columns: this site's, then every other site the user works on (loaded on expand).
  const linkedTree = useMemo(() => {
    const label = (sid: number) => {
      const s = sites.find((x) => x.id === sid)
      return s?.shortName || s?.name || `站点 ${sid}`
    }
    const prefixed = (
      nodes: ReturnType<typeof columnTree>,
      prefix: string,
    ): ReturnType<typeof columnTree> =>
      nodes.map((n) => ({
        ...n,
        title: `${prefix}${n.title}`,
        ...(n.children ? { children: prefixed(n.children, prefix) } : {}),
      }))
    const others = sites
      .filter((s) => s.id !== siteId && s.status === 'open')
      .map((s) => {
        const cols = columnsBySite.get(s.id)
        return {
          value: `site-${s.id}`,
          title: s.name,
          selectable: false,
          checkable: false,
          isLeaf: false,
          ...(cols ? { children: prefixed(columnTree(cols), `${label(s.id)}·`) } : {}),
        }
      })
    return [
      {
        value: `site-${siteId}`,
        title: `${label(siteId)}（本站）`,
        selectable: false,
        children: primaryTree,
      },
      ...others,
    ]
  }, [sites, siteId, columnsBySite, primaryTree])

  const showErrors = (e: unknown) => {
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

  const save = async (publish: boolean) => {
    const v = await validated()
    if (!v) return
    setBusy(publish ? 'publish' : 'save')
    try {
      const payload = toPayload(v)
      let saved: ArticleDetail
      if (isNew) {
        saved = (
          await api.post<{ data: ArticleDetail }>('/articles', { siteId, ...payload, publish })
        ).data
      } else {
        saved = (await api.patch<{ data: ArticleDetail }>(`/articles/${articleId}`, payload)).data
        if (publish)
          saved = (await api.post<{ data: ArticleDetail }>(`/articles/${articleId}/publish`, {}))
            .data
      }
      setArticle(saved)
      form.setFieldsValue(toValues(saved))
      setDirty(false)
      message.success(publish ? '已发布' : '已保存')
      if (isNew) navigate(`/articles/${saved.id}`, { replace: true })
    } catch (e) {
      showErrors(e)
    } finally {
      setBusy(null)
    }
  }

  const unpublish = () => {
    if (!article) return
    modal.confirm({
      title: '确定撤销发布吗？',
      content: '撤销后公众将无法访问该信息，可随时重新发布。',
      okText: '撤销发布',
      cancelText: '取消',
      onOk: async () => {
        setBusy('unpublish')
        try {
          const res = await api.post<{ data: ArticleDetail }>(`/articles/${article.id}/unpublish`)
          setArticle(res.data)
          message.success('已撤销发布')
        } catch (e) {
          showErrors(e)
        } finally {
          setBusy(null)
        }
      },
    })
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
          showErrors(e)
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
      const { columnIds: _c, ...payload } = toPayload(v)
      const res = await api.post<{ data: { html: string } }>('/articles/preview', {
        ...payload,
        siteId,
        columnId: v.primaryColumnId,
      })
      setPreviewHtml(res.data.html)
    } catch (e) {
      showErrors(e)
    } finally {
      setBusy(null)
    }
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault()
      if (!busy) void save(false)
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

  const status = article?.status
  const canDelete = role === 'admin' || (status === 'draft' && !isNew)

  return (
    <Spin spinning={loading} description="加载中">
      <div onKeyDown={onKeyDown}>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
          <Space wrap>
            <Link to="/articles" aria-label="返回信息列表">
              <ArrowLeftOutlined /> 信息列表
            </Link>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {isNew ? '新建信息' : '编辑信息'}
            </Typography.Title>
            {status && <Tag color={STATUS_COLORS[status]}>{ARTICLE_STATUS_LABELS[status]}</Tag>}
            {articleSite && <Typography.Text type="secondary">{articleSite.name}</Typography.Text>}
            {article && (
              <Typography.Text type="secondary">
                最后修改 {formatDateTime(article.updatedAt)}
                {dirty && '（有未保存的修改）'}
              </Typography.Text>
            )}
          </Space>
          <Space wrap>
            <Button
              icon={<EyeOutlined />}
              loading={busy === 'preview'}
              onClick={() => void preview()}
            >
              预览
            </Button>
            <Button
              icon={<SaveOutlined />}
              loading={busy === 'save'}
              disabled={busy !== null}
              onClick={() => void save(false)}
            >
              {status === 'published' ? '保存修改' : '保存草稿'}
            </Button>
            {status !== 'published' && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'publish'}
                disabled={busy !== null}
                onClick={() => void save(true)}
              >
                {status === 'unpublished' ? '保存并重新发布' : '发布'}
              </Button>
            )}
            {status === 'published' && (
              <Button
                icon={<StopOutlined />}
                loading={busy === 'unpublish'}
                disabled={busy !== null}
                onClick={unpublish}
              >
                撤销发布
              </Button>
            )}
            {!isNew && canDelete && (
              <Button danger icon={<DeleteOutlined />} disabled={busy !== null} onClick={remove}>
                删除
              </Button>
            )}
          </Space>
        </Space>

        <Form<EditorValues>
          form={form}
          name="article"
          layout="vertical"
          requiredMark="optional"
          initialValues={{
            linkedColumnIds: [],
            attachments: [],
            bodyHtml: '',
            cover: null,
            disclosure: { validity: '' },
          }}
          onValuesChange={() => setDirty(true)}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} lg={17}>
              <Card size="small">
                <Form.Item
                  name="title"
                  label="标题"
                  rules={[
                    { required: true, whitespace: true, message: '请填写标题' },
                    { max: LIMITS.titleMax, message: `标题不能超过 ${LIMITS.titleMax} 个字符` },
                  ]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 3 }}
                    placeholder="请输入标题"
                    showCount
                    maxLength={LIMITS.titleMax}
                  />
                </Form.Item>
                <Form.Item name="subtitle" label="副标题">
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item
                  name="bodyHtml"
                  label="正文"
                  extra="可直接从 Word 粘贴，自动保留标题、列表和表格并清除多余格式；图片可粘贴、拖入或上传，自动存入媒体库。Ctrl+S 保存草稿。"
                >
                  <RichTextEditor siteId={siteId} aria-label="正文" />
                </Form.Item>
              </Card>
              <Collapse
                style={{ marginTop: 16 }}
                activeKey={disclosureOpen}
                onChange={(k) => setDisclosureOpen(Array.isArray(k) ? k : [k])}
                items={[
                  {
                    key: 'disclosure',
                    label: '信息公开属性（索引号、文号、发文机关等）',
                    forceRender: true,
                    children: (
                      <Row gutter={16}>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'indexNo']} label="索引号">
                            <Input maxLength={100} placeholder="如 11330000002482870P/2026-00123" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'docNo']} label="文号">
                            <Input maxLength={100} placeholder="如 某政办发〔2026〕1号" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'issuer']} label="发文机关">
                            <Input maxLength={200} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'writtenAt']} label="成文日期">
                            <DatePicker style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'subjectCategory']} label="主题分类">
                            <Input maxLength={200} placeholder="如 综合政务/政务公开" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={12}>
                          <Form.Item name={['disclosure', 'validity']} label="有效性">
                            <Select
                              options={[
                                { value: '', label: '（不标注）' },
                                ...VALIDITIES.map((v) => ({ value: v, label: v })),
                              ]}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    ),
                  },
                ]}
              />
            </Col>
            <Col xs={24} lg={7}>
              <Card size="small" title="发布设置">
                <Form.Item
                  name="primaryColumnId"
                  label="主栏目"
                  rules={[{ required: true, message: '请选择主栏目' }]}
                  extra="信息所属的本站栏目"
                >
                  <TreeSelect
                    treeData={primaryTree}
                    showSearch
                    treeNodeFilterProp="title"
                    treeDefaultExpandAll
                    placeholder="请选择栏目"
                    popupMatchSelectWidth={false}
                  />
                </Form.Item>
                <Form.Item
                  name="linkedColumnIds"
                  label="同时发布到"
                  extra="可选择本站或您有权限的其他站点的栏目"
                >
                  <TreeSelect
                    treeData={linkedTree}
                    multiple
                    showSearch
                    treeNodeFilterProp="title"
                    placeholder="选择其他栏目（可多选）"
                    popupMatchSelectWidth={false}
                    loadData={async (node) => {
                      const m = /^site-(\d+)$/.exec(String(node.value))
                      if (m)
                        await ensureColumns(Number(m[1])).catch(() => message.error('栏目加载失败'))
                    }}
                  />
                </Form.Item>
                <Form.Item name="publishedAt" label="发布时间" extra="留空则为点击“发布”的时间">
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
                <Form.Item name="source" label="来源">
                  <Input maxLength={200} placeholder="如 县政府办公室" />
                </Form.Item>
                <Form.Item name="author" label="作者">
                  <Input maxLength={100} />
                </Form.Item>
              </Card>
              <Card size="small" title="封面与附件" style={{ marginTop: 16 }}>
                <Form.Item name="cover" label="封面图">
                  <CoverInput siteId={siteId} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.cover !== b.cover}>
                  {({ getFieldValue }) =>
                    getFieldValue('cover') ? (
                      <Form.Item
                        name="coverAlt"
                        label="封面图说明（替代文字）"
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: '有封面图时须填写图片说明，供读屏软件朗读',
                          },
                        ]}
                      >
                        <Input maxLength={300} placeholder="简要描述图片内容" />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
                <Form.Item name="attachments" label="附件">
                  <AttachmentsInput siteId={siteId} />
                </Form.Item>
              </Card>
              <Card size="small" title="摘要与链接" style={{ marginTop: 16 }}>
                <Form.Item name="summary" label="摘要" extra="留空则自动取正文开头">
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 6 }}
                    maxLength={2000}
                    showCount
                  />
                </Form.Item>
                <Form.Item name="keywords" label="关键词" extra="多个关键词用逗号分隔">
                  <Input maxLength={500} />
                </Form.Item>
                <Form.Item
                  name="linkUrl"
                  label="外链地址"
                  extra="填写后，列表中点击该信息将直接跳转到此地址"
                  rules={[
                    {
                      pattern: /^(https?:\/\/|\/)\S*$/,
                      message: '请填写以 http://、https:// 或 / 开头的地址',
                    },
                  ]}
                >
                  <Input maxLength={1000} placeholder="https://" />
                </Form.Item>
              </Card>
            </Col>
          </Row>
        </Form>

        <Drawer
          open={previewHtml !== null}
          onClose={() => setPreviewHtml(null)}
          title="预览（按站点主题渲染，尚未保存的内容也会显示）"
          size="min(1280px, 95vw)"
          destroyOnHidden
          styles={{ body: { padding: 0 } }}
        >
          <Alert type="info" banner title="这是预览，不会保存或发布；页面中的脚本已停用。" />
          {previewHtml !== null && (
            <iframe
              title="信息页面预览"
              sandbox=""
              srcDoc={previewHtml}
              style={{ width: '100%', height: 'calc(100vh - 140px)', border: 0, display: 'block' }}
            />
          )}
        </Drawer>
      </div>
    </Spin>
  )
}
