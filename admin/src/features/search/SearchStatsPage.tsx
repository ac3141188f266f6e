import { DownloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Result,
  Space,
  Table,
  Tabs,
  TreeSelect,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { siteTree } from '../../shell/AppLayout'
import { EChart } from '../../shell/EChart'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { useSession } from '../../shell/session'
import { IndexStatusCard } from './IndexStatusCard'
import { statsSiteIds, type SearchQueryStat } from './search-api'

type Tab = 'top' | 'zero'
const TAB_LABELS: Record<Tab, string> = { top: '热门搜索词', zero: '无结果搜索词' }

/**
 * 搜索统计: what people searched for on a site (or on every site, for cluster admins) over a
 * period — the most frequent queries and those that found nothing — with a chart of the top 10
 * and an xlsx export; cluster admins also see the index's state and may rebuild it.
 */
export default function SearchStatsPage() {
  const { session, sites, site: current } = useSession()
  const { message } = App.useApp()
  const isClusterAdmin = Boolean(session?.isClusterAdmin)
  const allowed = useMemo(() => {
    const ids = new Set(
      statsSiteIds(
        session,
        sites.map((s) => s.id),
      ),
    )
    return sites.filter((s) => ids.has(s.id))
  }, [session, sites])
  const tree = useMemo(() => siteTree(allowed), [allowed])
  const [chosen, setSiteId] = useState<number | undefined>(undefined)
  // Others always look at one of their sites: the current one by default.
  const siteId = isClusterAdmin
    ? chosen
    : (chosen ?? (allowed.find((s) => s.id === current?.id) ?? allowed[0])?.id)
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()])
  const [tab, setTab] = useState<Tab>('top')
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)

  const query = useMemo(
    () => ({
      site: siteId,
      from: range[0].format('YYYY-MM-DD'),
      to: range[1].format('YYYY-MM-DD'),
      zero: tab === 'zero' ? '1' : undefined,
    }),
    [siteId, range, tab],
  )
  const list = usePagedList<SearchQueryStat>(
    '/search/queries',
    query,
    page,
    pageSize,
    '搜索统计加载失败',
  )
  const top = usePagedList<SearchQueryStat>('/search/queries', query, 1, 10, '搜索统计加载失败')

  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.rows.map((r) => r.query) },
      series: [
        {
          name: tab === 'zero' ? '无结果次数' : '搜索次数',
          type: 'bar',
          data: top.rows.map((r) => (tab === 'zero' ? r.zeroHits : r.searches)),
          color: tab === 'zero' ? '#ad6800' : '#b4000f',
        },
      ],
    }),
    [top.rows, tab],
  )

  if (allowed.length === 0) {
    return <Result status="403" title="只有站点管理员和编辑可以查看搜索统计" />
  }

  const reset = () => setPage(1)
  const exportXlsx = async () => {
    try {
      await downloadFile('/search/queries.xlsx', query)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    }
  }

  const columns: TableColumnsType<SearchQueryStat> = [
    {
      title: '排名',
      key: 'rank',
      width: 70,
      render: (_v, _r, i) => (page - 1) * pageSize + i + 1,
    },
    { title: '搜索词', dataIndex: 'query' },
    { title: '搜索次数', dataIndex: 'searches', width: 120, align: 'right' },
    { title: '无结果次数', dataIndex: 'zeroHits', width: 120, align: 'right' },
  ]
  const table = (
    <>
      <LoadError error={list.error} onRetry={() => void list.load()} />
      <Table<SearchQueryStat>
        rowKey="query"
        size="middle"
        loading={list.loading}
        columns={columns}
        dataSource={list.rows}
        locale={{ emptyText: <Empty description="统计期间内没有搜索记录" /> }}
        pagination={{
          current: page,
          pageSize,
          total: list.total,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个搜索词`,
          onChange: (p, s) => {
            setPage(p)
            setPageSize(s)
          },
        }}
      />
    </>
  )

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          搜索统计
        </Typography.Title>
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      </Space>
      {isClusterAdmin && <IndexStatusCard />}
      <Card size="small">
        <Form layout="inline" name="search-stats-filters">
          <Form.Item label="站点" htmlFor="search-stats-site">
            <TreeSelect
              id="search-stats-site"
              allowClear={isClusterAdmin}
              showSearch
              treeNodeFilterProp="title"
              style={{ width: 300 }}
              treeData={tree}
              value={siteId}
              placeholder={isClusterAdmin ? '全部站点' : '选择站点'}
              onChange={(v) => {
                reset()
                setSiteId(typeof v === 'number' ? v : undefined)
              }}
            />
          </Form.Item>
          <Form.Item label="统计期间" htmlFor="search-stats-range">
            <DatePicker.RangePicker
              id="search-stats-range"
              value={range}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              onChange={(v) => {
                if (!v?.[0] || !v[1]) return
                reset()
                setRange([v[0], v[1]])
              }}
            />
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" title={`${TAB_LABELS[tab]}前 10 名`}>
        {top.rows.length > 0 ? (
          <EChart
            option={option}
            height={Math.max(160, top.rows.length * 28 + 40)}
            label={`${TAB_LABELS[tab]}前 10 名（${tab === 'zero' ? '无结果次数' : '搜索次数'}）`}
          />
        ) : (
          <Empty description={top.loading ? '加载中' : '统计期间内没有搜索记录'} />
        )}
      </Card>
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            reset()
            setTab(k as Tab)
          }}
          items={(['top', 'zero'] as const).map((k) => ({
            key: k,
            label: TAB_LABELS[k],
            children: k === tab ? table : null,
          }))}
        />
      </Card>
    </Space>
  )
}
