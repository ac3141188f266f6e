import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Result,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { QUESTION_STATUS_LABELS, QUESTION_STATUSES } from '../../../../common/questions'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { siteTree } from '../../shell/AppLayout'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { useSession } from '../../shell/session'
import { questionApi, type QuestionListItem } from './question-api'
import { keepableSiteIds } from './question-form'
import { QuestionImportModal } from './QuestionImportModal'

type Filters = {
  siteId?: number
  status?: (typeof QUESTION_STATUSES)[number]
  topic?: string
  q?: string
  isHot?: boolean
}

/** 热点解答: the entries of the units I keep, filtered and paged; new, import and export. */
export default function QuestionsPage() {
  const { session, sites } = useSession()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [filters, setFilters] = useState<Filters>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [importing, setImporting] = useState(false)
  const [topics, setTopics] = useState<{ topic: string; count: number }[]>([])
  const keepable = useMemo(() => {
    const ids = new Set(
      keepableSiteIds(
        session,
        sites.map((s) => s.id),
      ),
    )
    return sites.filter((s) => ids.has(s.id))
  }, [session, sites])
  const tree = useMemo(() => siteTree(keepable), [keepable])
  const { rows, total, loading, error, load } = usePagedList<QuestionListItem>(
    '/questions',
    filters,
    page,
    pageSize,
    '热点解答列表加载失败',
  )

  useEffect(() => {
    questionApi
      .topics()
      .then(setTopics)
      .catch(() => setTopics([]))
  }, [])

  const apply = (next: Filters) => {
    setPage(1)
    setFilters((f) => ({ ...f, ...next }))
  }

  const exportXlsx = async () => {
    try {
      await downloadFile('/questions/export.xlsx', {
        siteId: filters.siteId,
        status: filters.status,
        topic: filters.topic,
        q: filters.q,
        isHot: filters.isHot ? 'true' : undefined,
      })
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    }
  }

  if (keepable.length === 0) {
    return <Result status="403" title="只有单位的站点管理员和编辑可以维护热点解答" />
  }

  const columns: TableColumnsType<QuestionListItem> = [
    {
      title: '问题',
      dataIndex: 'question',
      render: (text: string, r) => (
        <Space size={4} wrap>
          <Link to={`/questions/${r.id}`}>{text}</Link>
          {r.isHot && <Tag color="#a8071a">热点</Tag>}
          {r.letterId !== null && <Tag>来自来信</Tag>}
        </Space>
      ),
    },
    { title: '责任单位', dataIndex: 'unitName', width: 200 },
    {
      title: '主题',
      dataIndex: 'topics',
      width: 200,
      render: (list: string[]) => list.map((t) => <Tag key={t}>{t}</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'statusLabel',
      width: 90,
      render: (label: string, r) => (
        <Tag color={r.status === 'published' ? '#237804' : 'default'}>{label}</Tag>
      ),
    },
    { title: '排序', dataIndex: 'sort', width: 70 },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      width: 170,
      render: (v: string) => formatDateTime(v),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          热点解答
        </Typography.Title>
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/questions/new')}>
            新建问答
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
            导出
          </Button>
        </Space>
      </Space>
      <Card size="small">
        <Form layout="inline" name="question-filters">
          <Form.Item label="责任单位" htmlFor="question-site">
            <TreeSelect
              id="question-site"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              style={{ width: 260 }}
              treeData={tree}
              value={filters.siteId}
              placeholder="全部单位"
              onChange={(v) => apply({ siteId: typeof v === 'number' ? v : undefined })}
            />
          </Form.Item>
          <Form.Item label="状态" htmlFor="question-status">
            <Select
              id="question-status"
              allowClear
              style={{ width: 110 }}
              placeholder="全部"
              value={filters.status}
              options={QUESTION_STATUSES.map((s) => ({
                value: s,
                label: QUESTION_STATUS_LABELS[s],
              }))}
              onChange={(v) => apply({ status: v })}
            />
          </Form.Item>
          <Form.Item label="主题" htmlFor="question-topic">
            <Select
              id="question-topic"
              allowClear
              showSearch
              style={{ width: 160 }}
              placeholder="全部主题"
              value={filters.topic}
              options={topics.map((t) => ({ value: t.topic, label: `${t.topic}（${t.count}）` }))}
              onChange={(v) => apply({ topic: v })}
            />
          </Form.Item>
          <Form.Item>
            <Input.Search
              aria-label="关键词"
              allowClear
              placeholder="问题、说明或答复中的关键词"
              style={{ width: 260 }}
              onSearch={(v) => apply({ q: v.trim() || undefined })}
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={Boolean(filters.isHot)}
              onChange={(e) => apply({ isHot: e.target.checked || undefined })}
            >
              只看热点
            </Checkbox>
          </Form.Item>
        </Form>
      </Card>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<QuestionListItem>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => {
            setPage(p)
            setPageSize(s)
          },
        }}
      />
      {importing && (
        <QuestionImportModal onClose={() => setImporting(false)} onImported={() => void load()} />
      )}
    </Space>
  )
}
