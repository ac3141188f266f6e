import { DownloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Segmented,
  Space,
  Table,
  TreeSelect,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { siteTree } from '../../shell/AppLayout'
import { EChart } from '../../shell/EChart'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { clusterApi, type SubmissionStatRow } from './cluster-api'
import { chartRows, formatRate, formatScore, type ChartMetric } from './cluster-labels'
import { ScoringCard } from './ScoringCard'
import { useClusterSites } from './useClusterSites'

const METRIC_LABELS: Record<ChartMetric, string> = { score: '得分', adopted: '采用数' }

/**
 * 报送统计 (信息报送考核): per unit over a period — submitted, adopted, rate, adopted on the
 * portal's home page, score — ranked, charted (top 15) and exported in the office layout.
 */
export default function SubmissionStatsPage() {
  const { session } = useSession()
  const { message } = App.useApp()
  const sites = useClusterSites()
  const tree = useMemo(() => siteTree(sites), [sites])
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()])
  const [targetSiteId, setTargetSiteId] = useState<number | undefined>()
  const [metric, setMetric] = useState<ChartMetric>('score')
  const [rows, setRows] = useState<SubmissionStatRow[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)

  const query = useMemo(
    () => ({
      from: range[0].format('YYYY-MM-DD'),
      to: range[1].format('YYYY-MM-DD'),
      targetSiteId,
    }),
    [range, targetSiteId],
  )

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setRows(await clusterApi.statistics(query))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '报送统计加载失败')
      setRows([])
    } finally {
      setLoading(false)
    }
  }, [query])

  useEffect(() => {
    void load()
  }, [load])

  const top = useMemo(() => chartRows(rows, metric), [rows, metric])
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: metric === 'adopted' ? 1 : 0 },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.siteName) },
      series: [
        {
          name: METRIC_LABELS[metric],
          type: 'bar',
          data: top.map((r) => r[metric]),
          color: metric === 'score' ? '#b4000f' : '#237804',
        },
      ],
    }),
    [top, metric],
  )

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/submissions/statistics.xlsx', query)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: TableColumnsType<SubmissionStatRow> = [
    { title: '排名', dataIndex: 'rank', width: 70 },
    { title: '单位', dataIndex: 'siteName' },
    { title: '报送数', dataIndex: 'submitted', width: 100, align: 'right' },
    { title: '采用数', dataIndex: 'adopted', width: 100, align: 'right' },
    {
      title: '采用率',
      dataIndex: 'rate',
      width: 100,
      align: 'right',
      render: (rate: number, r) => formatRate(rate, r.submitted),
    },
    { title: '首页采用数', dataIndex: 'adoptedHome', width: 110, align: 'right' },
    {
      title: '得分',
      dataIndex: 'score',
      width: 100,
      align: 'right',
      render: (s: number) => formatScore(s),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          报送统计
        </Typography.Title>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      </Space>
      <Card size="small">
        <Form layout="inline" name="submission-stats-filters">
          <Form.Item label="统计期间" htmlFor="submission-stats-range">
            <DatePicker.RangePicker
              id="submission-stats-range"
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Form.Item>
          <Form.Item label="报送至" htmlFor="submission-stats-target">
            <TreeSelect
              id="submission-stats-target"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              style={{ width: 280 }}
              treeData={tree}
              value={targetSiteId}
              placeholder="全部站点"
              onChange={(v: unknown) => setTargetSiteId(typeof v === 'number' ? v : undefined)}
            />
          </Form.Item>
        </Form>
      </Card>
      {session?.isClusterAdmin && <ScoringCard onSaved={() => void load()} />}
      <Card
        size="small"
        title={`${METRIC_LABELS[metric]}前 15 名`}
        extra={
          <Segmented
            aria-label="图表指标"
            value={metric}
            onChange={(v) => setMetric(v as ChartMetric)}
            options={(Object.keys(METRIC_LABELS) as ChartMetric[]).map((m) => ({
              value: m,
              label: `按${METRIC_LABELS[m]}`,
            }))}
          />
        }
      >
        {top.length > 0 ? (
          <EChart
            option={option}
            height={Math.max(160, top.length * 28 + 40)}
            label={`各单位信息报送${METRIC_LABELS[metric]}前 15 名`}
          />
        ) : (
          <Empty description={loading ? '加载中' : '统计期间内没有报送信息'} />
        )}
      </Card>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<SubmissionStatRow>
        rowKey="siteId"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: <Empty description="统计期间内没有报送信息" /> }}
        pagination={{
          defaultPageSize: 50,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 个单位`,
        }}
      />
    </Space>
  )
}
