import { EyeOutlined, ReloadOutlined, RollbackOutlined, SaveOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd'
import type { EditorView } from '@codemirror/view'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { useSession } from '../../shell/session'
import { createLiquidEditor, replaceDoc, showLine } from './liquid-editor'

interface TemplateInfo {
  name: string
  overridden: boolean
  updatedAt: string | null
}

interface TemplateFile extends TemplateInfo {
  source: string
}

interface ColumnLite {
  id: number
  name: string
  path: string
  type: string
  parentId: number | null
}

interface ArticleLite {
  id: number
  title: string
  publishedAt: string | null
}

const SECTION_LABELS: Record<string, string> = {
  templates: '页面模板',
  partials: '片段',
  layouts: '布局',
}
const PAGE_LABELS: Record<string, string> = {
  'templates/home.liquid': '首页',
  'templates/column.liquid': '栏目列表页',
  'templates/article.liquid': '文章页',
  'templates/page.liquid': '单页',
  'templates/search.liquid': '搜索结果页',
  'templates/sitemap.liquid': '网站地图',
  'templates/error.liquid': '错误页',
  'templates/closed.liquid': '关停公告页',
  'layouts/base.liquid': '基础布局',
}

/** A line number from a server message such as “模板第 3 行有语法错误：…”. */
function lineOf(e: ApiError): number | null {
  const m = /第\s*(\d+)\s*行/.exec(e.fields.source ?? e.message)
  return m ? Number(m[1]) : null
}

/** Site templates: list, edit with highlighting, save (syntax checked), reset, preview on real pages. */
export default function TemplatesPage() {
  const { site, role } = useSession()
  const { message, modal } = App.useApp()
  const [list, setList] = useState<TemplateInfo[]>([])
  const [listLoading, setListLoading] = useState(false)
  const [current, setCurrent] = useState<TemplateFile | null>(null)
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [filter, setFilter] = useState('')
  const [previewOpen, setPreviewOpen] = useState(false)
  const [previewHtml, setPreviewHtml] = useState<string | null>(null)
  const [previewUrl, setPreviewUrl] = useState('')
  const [previewing, setPreviewing] = useState(false)
  const [previewError, setPreviewError] = useState<string | null>(null)
  const [pageKind, setPageKind] = useState<'auto' | 'home' | 'column' | 'article'>('auto')
  const [columns, setColumns] = useState<ColumnLite[]>([])
  const [columnId, setColumnId] = useState<number | undefined>()
  const [articles, setArticles] = useState<ArticleLite[]>([])
  const [articleId, setArticleId] = useState<number | undefined>()
  const host = useRef<HTMLDivElement | null>(null)
  const view = useRef<EditorView | null>(null)
  const source = useRef('')
  const loadingDoc = useRef(false)
  const saveRef = useRef<() => void>(() => undefined)

  const loadList = useCallback(async () => {
    if (!site || role !== 'admin') return
    setListLoading(true)
    try {
      const res = await api.get<{ data: TemplateInfo[] }>(`/sites/${site.id}/templates`)
      setList(res.data)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '加载模板列表失败')
    } finally {
      setListLoading(false)
    }
  }, [site, role, message])

  useEffect(() => {
    setCurrent(null)
    setDirty(false)
    void loadList()
    if (site && role === 'admin') {
      api
        .get<{ data: ColumnLite[] }>(`/sites/${site.id}/columns`)
        .then((r) => setColumns(r.data))
        .catch(() => setColumns([]))
    }
  }, [loadList, site, role])

  // The editor lives as long as the page; documents are swapped into it.
  useEffect(() => {
    if (!host.current || view.current) return
    view.current = createLiquidEditor(host.current, '', {
      label: '模板源代码',
      onChange: (s) => {
        source.current = s
        if (!loadingDoc.current) {
          setDirty(true)
          setError(null)
        }
      },
      onSave: () => saveRef.current(),
    })
    return () => {
      view.current?.destroy()
      view.current = null
    }
  }, [])

  useEffect(() => {
    if (!view.current || !current) return
    loadingDoc.current = true
    replaceDoc(view.current, current.source)
    source.current = current.source
    loadingDoc.current = false
  }, [current])

  const open = async (name: string) => {
    if (!site) return
    const go = async () => {
      try {
        const res = await api.get<{ data: TemplateFile }>(`/sites/${site.id}/template`, { name })
        setCurrent(res.data)
        setDirty(false)
        setError(null)
        setPreviewHtml(null)
      } catch (e) {
        message.error(e instanceof ApiError ? e.message : '读取模板失败')
      }
    }
    if (dirty) {
      modal.confirm({
        title: '放弃未保存的修改？',
        content: `“${current?.name}”有未保存的修改。`,
        okText: '放弃修改',
        cancelText: '继续编辑',
        onOk: go,
      })
    } else await go()
  }

  const save = async () => {
    if (!site || !current) return
    setSaving(true)
    try {
      const res = await api.put<{ data: TemplateFile }>(`/sites/${site.id}/template`, {
        name: current.name,
        source: source.current,
      })
      setCurrent(res.data)
      setDirty(false)
      setError(null)
      message.success('模板已保存，网站页面已更新')
      void loadList()
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '保存失败'
      setError(msg)
      const line = e instanceof ApiError ? lineOf(e) : null
      if (line && view.current) showLine(view.current, line)
      message.error(line ? `第 ${line} 行有语法错误，未保存` : msg)
    } finally {
      setSaving(false)
    }
  }
  saveRef.current = () => void save()

  const reset = async () => {
    if (!site || !current) return
    try {
      await api.del(`/sites/${site.id}/template`, { name: current.name })
      message.success('已恢复为主题模板')
      setDirty(false)
      await loadList()
      const res = await api.get<{ data: TemplateFile }>(`/sites/${site.id}/template`, {
        name: current.name,
      })
      setCurrent(res.data)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '恢复失败')
    }
  }

  const searchArticles = useCallback(
    async (keyword: string) => {
      if (!site) return
      try {
        const res = await api.get<{ data: ArticleLite[] }>('/articles', {
          siteId: site.id,
          status: 'published',
          keyword: keyword.trim() || undefined,
          pageSize: 20,
        })
        setArticles(res.data)
      } catch {
        setArticles([])
      }
    },
    [site],
  )

  useEffect(() => {
    if (previewOpen && pageKind === 'article' && articles.length === 0) void searchArticles('')
  }, [previewOpen, pageKind, articles.length, searchArticles])

  const preview = async () => {
    if (!site || !current) return
    let url: string | undefined
    if (pageKind === 'home') url = '/'
    if (pageKind === 'column') {
      const c = columns.find((x) => x.id === columnId)
      if (!c) return setPreviewError('请选择要预览的栏目')
      url = `${c.path}/`
    }
    if (pageKind === 'article') {
      if (!articleId) return setPreviewError('请选择要预览的信息')
      url = `content_${articleId}.html`
    }
    setPreviewing(true)
    setPreviewError(null)
    try {
      const res = await api.post<{ data: { html: string; url: string } }>(
        `/sites/${site.id}/template/preview`,
        {
          name: current.name,
          source: source.current,
          url,
        },
      )
      setPreviewHtml(res.data.html)
      setPreviewUrl(res.data.url)
    } catch (e) {
      const msg = e instanceof ApiError ? e.message : '预览失败'
      setPreviewError(msg)
      const line = e instanceof ApiError ? lineOf(e) : null
      if (line && view.current && e instanceof ApiError && e.fields.source)
        showLine(view.current, line)
    } finally {
      setPreviewing(false)
    }
  }

  const grouped = useMemo(() => {
    const f = filter.trim().toLowerCase()
    return list.filter(
      (t) => !f || t.name.toLowerCase().includes(f) || (PAGE_LABELS[t.name] ?? '').includes(f),
    )
  }, [list, filter])

  if (role !== 'admin') {
    return <Result status="403" title="无权访问" subTitle="只有站点管理员可以编辑模板。" />
  }

  const columnOptions = columns
    .filter((c) => c.type !== 'link')
    .map((c) => ({ value: c.id, label: `${c.name}（/${c.path}/）` }))

  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card
          title="模板文件"
          extra={
            <Button
              size="small"
              icon={<ReloadOutlined />}
              aria-label="刷新模板列表"
              onClick={() => void loadList()}
            />
          }
          styles={{ body: { padding: 12 } }}
        >
          <Input.Search
            id="template-filter"
            aria-label="筛选模板"
            placeholder="筛选模板"
            allowClear
            onChange={(e) => setFilter(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            <Tag color="#874d00">本站</Tag>表示本站已修改（覆盖主题模板），其余为主题默认。
          </Typography.Paragraph>
          <Spin spinning={listLoading}>
            <List
              size="small"
              dataSource={grouped}
              locale={{ emptyText: '没有模板' }}
              renderItem={(t) => {
                const section = t.name.split('/')[0] ?? ''
                const isCurrent = current?.name === t.name
                return (
                  <List.Item
                    style={{
                      cursor: 'pointer',
                      background: isCurrent ? '#fff1f0' : undefined,
                      paddingInline: 8,
                    }}
                    onClick={() => void open(t.name)}
                  >
                    <button
                      type="button"
                      onClick={(e) => {
                        e.stopPropagation()
                        void open(t.name)
                      }}
                      aria-current={isCurrent ? 'true' : undefined}
                      style={{ all: 'unset', cursor: 'pointer', flex: 1, outlineOffset: 2 }}
                      className="zq-template-item"
                    >
                      <div>
                        <Typography.Text strong={isCurrent}>
                          {PAGE_LABELS[t.name] ?? t.name.split('/').pop()}
                        </Typography.Text>{' '}
                        {t.overridden && <Tag color="#874d00">本站</Tag>}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {SECTION_LABELS[section] ?? section} · {t.name}
                      </Typography.Text>
                    </button>
                  </List.Item>
                )
              }}
            />
          </Spin>
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        <Card
          title={
            current ? (
              <Space>
                <span>{PAGE_LABELS[current.name] ?? current.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {current.name}
                </Typography.Text>
                {current.overridden ? <Tag color="#874d00">本站修改版</Tag> : <Tag>主题默认</Tag>}
                {dirty && <Badge status="warning" text="未保存" />}
              </Space>
            ) : (
              '模板编辑'
            )
          }
          extra={
            current && (
              <Space>
                <Button
                  icon={<EyeOutlined />}
                  onClick={() => {
                    setPreviewOpen(true)
                    void preview()
                  }}
                >
                  预览
                </Button>
                {current.overridden && (
                  <Popconfirm
                    title="恢复为主题模板？"
                    description="本站对该模板的修改将被删除。"
                    okText="恢复"
                    cancelText="取消"
                    onConfirm={reset}
                  >
                    <Button icon={<RollbackOutlined />}>恢复主题模板</Button>
                  </Popconfirm>
                )}
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={saving}
                  disabled={!dirty}
                  onClick={() => void save()}
                >
                  保存
                </Button>
              </Space>
            )
          }
        >
          {!current && <Empty description="在左侧选择一个模板开始编辑" />}
          {error && (
            <Alert
              type="error"
              showIcon
              title="模板未保存"
              description={error}
              style={{ marginBottom: 12 }}
              closable
              onClose={() => setError(null)}
            />
          )}
          {current?.updatedAt && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              本站最近修改：{formatDateTime(current.updatedAt)}。保存前会检查 Liquid 语法；快捷键
              Ctrl+S 保存。
            </Typography.Paragraph>
          )}
          <div
            ref={host}
            style={{
              height: 'calc(100vh - 300px)',
              minHeight: 360,
              display: current ? 'block' : 'none',
            }}
          />
        </Card>
      </Col>

      <Drawer
        open={previewOpen}
        onClose={() => setPreviewOpen(false)}
        size="80%"
        title={`预览：${current ? (PAGE_LABELS[current.name] ?? current.name) : ''}（未保存的修改也会显示）`}
        styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12 } }}
      >
        <Form layout="inline" name="preview" onFinish={() => void preview()}>
          <Form.Item label="预览页面" htmlFor="preview-kind">
            <Select
              id="preview-kind"
              style={{ width: 180 }}
              value={pageKind}
              onChange={(v: typeof pageKind) => setPageKind(v)}
              options={[
                { value: 'auto', label: '自动（按模板选择）' },
                { value: 'home', label: '首页' },
                { value: 'column', label: '栏目页' },
                { value: 'article', label: '文章页' },
              ]}
            />
          </Form.Item>
          {pageKind === 'column' && (
            <Form.Item label="栏目" htmlFor="preview-column">
              <Select
                id="preview-column"
                style={{ width: 260 }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择栏目"
                options={columnOptions}
                value={columnId}
                onChange={(v: number) => setColumnId(v)}
              />
            </Form.Item>
          )}
          {pageKind === 'article' && (
            <Form.Item label="信息" htmlFor="preview-article">
              <Select
                id="preview-article"
                style={{ width: 320 }}
                showSearch={{ filterOption: false, onSearch: (v) => void searchArticles(v) }}
                placeholder="输入标题关键词搜索已发布信息"
                options={articles.map((a) => ({ value: a.id, label: a.title }))}
                value={articleId}
                onChange={(v: number) => setArticleId(v)}
                notFoundContent="没有找到已发布的信息"
              />
            </Form.Item>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={previewing} icon={<EyeOutlined />}>
              刷新预览
            </Button>
          </Form.Item>
        </Form>
        {previewError && <Alert type="error" showIcon title={previewError} />}
        {previewUrl && !previewError && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            页面：{previewUrl}（链接和脚本在预览中不可用）
          </Typography.Text>
        )}
        <Spin spinning={previewing} style={{ flex: 1 }}>
          {previewHtml !== null ? (
            <iframe
              title="模板预览"
              sandbox=""
              srcDoc={previewHtml}
              style={{
                width: '100%',
                height: 'calc(100vh - 220px)',
                border: '1px solid #d9d9d9',
                background: '#fff',
              }}
            />
          ) : (
            !previewing && <Empty description="点击“刷新预览”查看效果" />
          )}
        </Spin>
      </Drawer>
    </Row>
  )
}
