import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import { App, Button, Card, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd'
import { useCallback, useMemo, useState } from 'react'
import { Link, useLocation, useSearchParams } from 'react-router-dom'
import { LETTER_TYPE_LABELS } from '../../../../common/letters'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { useLetterCounts, type LetterListItem } from './letter-api'
import {
  letterQuery,
  PAGE_SIZES,
  viewFromSearch,
  viewToSearch,
  withFilters,
  type InboxView,
  type LetterFilters,
} from './letter-filters'
import {
  boxCount,
  defaultBox,
  LETTER_BOX_LABELS,
  LETTER_BOXES,
  type LetterBox,
} from './letter-labels'
import { LetterFiltersBar } from './LetterFiltersBar'
import { CountBadge } from './CountBadge'
import { DueCell, StateTag } from './LetterTags'

const EMPTY_TEXT: Record<LetterBox, string> = {
  screening: '没有等待受理的来信',
  unit: '没有等待本单位办理的来信',
  review: '没有等待审核的答复',
  extension: '没有等待审批的延期申请',
  all: '没有符合条件的来信',
}

/** 来信办理: my boxes (待受理 / 待办理 / 待审核答复 / 待审批延期 / 全部) with filters and export. */
export default function LetterInboxPage() {
  const [params, setParams] = useSearchParams()
  const view = useMemo(() => viewFromSearch(params), [params])
  const { counts, loaded, refresh } = useLetterCounts()
  // Without a box in the address, open the first one with work once the counts are in.
  const box: LetterBox | null = view.box ?? (loaded ? defaultBox(counts) : null)

  const go = useCallback(
    (next: InboxView) => setParams(viewToSearch(next), { replace: true }),
    [setParams],
  )
  const setFilters = (change: Partial<LetterFilters>) => go(withFilters({ ...view, box }, change))

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        来信办理
      </Typography.Title>
      <Tabs
        activeKey={box ?? undefined}
        onChange={(k) => go({ ...view, box: k as LetterBox, page: 1 })}
        items={LETTER_BOXES.map((b) => {
          const n = boxCount(counts, b)
          return {
            key: b,
            label: (
              <span>
                {LETTER_BOX_LABELS[b]}
                <CountBadge count={n} unit="封" />
              </span>
            ),
          }
        })}
      />
      <Card size="small">
        <LetterFiltersBar filters={view.filters} onChange={setFilters} />
      </Card>
      {box ? (
        <LetterTable
          box={box}
          view={view}
          onPage={(page, pageSize) => go({ ...view, box, page, pageSize })}
          onReload={refresh}
        />
      ) : (
        <Spin description="加载中" />
      )}
    </Space>
  )
}

function LetterTable({
  box,
  view,
  onPage,
  onReload,
}: {
  box: LetterBox
  view: InboxView
  onPage: (page: number, pageSize: number) => void
  onReload: () => void
}) {
  const { message } = App.useApp()
  const location = useLocation()
  const from = { from: `${location.pathname}${location.search}` }
  const [exporting, setExporting] = useState(false)
  const query = useMemo(() => letterQuery(box, view.filters), [box, view.filters])
  const { rows, total, loading, error, load } = usePagedList<LetterListItem>(
    '/letters',
    query,
    view.page,
    view.pageSize,
    '来信列表加载失败',
  )

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/letters/export.xlsx', query)
      message.success('导出完成')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: TableColumnsType<LetterListItem> = [
    {
      title: '查询码',
      dataIndex: 'queryCode',
      width: 130,
      render: (code: string, r) => (
        <Link to={`/letters/${r.id}`} state={from}>
          {code}
        </Link>
      ),
    },
    {
      title: '标题',
      dataIndex: 'subject',
      render: (subject: string, r) => (
        <Space size={4} wrap>
          <Link to={`/letters/${r.id}`} state={from}>
            {subject || '（无标题）'}
          </Link>
          {r.published && <Tag>已公开</Tag>}
        </Space>
      ),
    },
    {
      title: '信箱',
      dataIndex: 'mailboxName',
      width: 150,
      render: (name: string, r) => (
        <>
          {name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.siteName}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '类型',
      dataIndex: 'type',
      width: 70,
      render: (t: LetterListItem['type'], r) => r.typeLabel || LETTER_TYPE_LABELS[t] || t,
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 110,
      render: (s: LetterListItem['state'], r) => <StateTag state={s} label={r.stateLabel} />,
    },
    {
      title: '承办单位',
      dataIndex: 'unitName',
      width: 150,
      render: (n: string | null) => n || '—',
    },
    {
      title: '收信时间',
      dataIndex: 'receivedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '期限',
      key: 'due',
      width: 190,
      render: (_: unknown, r) => (
        <DueCell dueAt={r.dueAt} dueStatus={r.dueStatus} redFlag={r.redFlag} />
      ),
    },
  ]

  return (
    <>
      <LoadError error={error} onRetry={() => void load()} />
      <Card
        size="small"
        title={`${LETTER_BOX_LABELS[box]}`}
        extra={
          <Space>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                void load()
                onReload()
              }}
            >
              刷新
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void exportXlsx()}
            >
              导出 Excel
            </Button>
          </Space>
        }
      >
        <Table<LetterListItem>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          locale={{ emptyText: <Empty description={EMPTY_TEXT[box]} /> }}
          pagination={{
            current: view.page,
            pageSize: view.pageSize,
            total,
            showSizeChanger: true,
            pageSizeOptions: [...PAGE_SIZES],
            showTotal: (n) => `共 ${n} 封`,
            onChange: (p, s) => onPage(s !== view.pageSize ? 1 : p, s),
          }}
        />
      </Card>
    </>
  )
}
