import { Alert, Button, Card, DatePicker, Form, Segmented, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { api, ApiError } from '../../api'
import { downloadFile } from '../../download'
import { EChart } from '../../shell/EChart'

interface Row {
  siteId: number
  code: string
  name: string
  kind: string
  grouping: string
  visits: number
  published: number
}

const KIND: Record<string, string> = { portal: '门户网站', channel: '频道', standalone: '独立网站' }

/** Visits and 发稿量 per site (unit) over a chosen period: chart, table and xlsx. */
export default function StatsPage() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()])
  const [rows, setRows] = useState<Row[]>([])
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [metric, setMetric] = useState<'published' | 'visits'>('published')
  const query = useMemo(
    () => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }),
    [range],
  )

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setRows((await api.get<{ data: Row[] }>('/stats/overview', query)).data)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败')
    } finally {
      setLoading(false)
    }
  }, [query])
  useEffect(() => {
    void load()
  }, [load])

  const top = useMemo(
    () => [...rows].sort((a, b) => b[metric] - a[metric]).slice(0, 20),
    [rows, metric],
  )
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 160, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name) },
      series: [
        {
          name: metric === 'published' ? '发稿量' : '访问量',
          type: 'bar',
          data: top.map((r) => r[metric]),
          color: '#b4000f',
        },
      ],
    }),
    [top, metric],
  )

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        统计分析
      </Typography.Title>
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label="统计期间" htmlFor="stats-range">
            <DatePicker.RangePicker
              id="stats-range"
              value={range}
              allowClear={false}
              onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Form.Item>
          <Form.Item label="图表指标">
            <Segmented
              aria-label="图表指标"
              value={metric}
              onChange={(v) => setMetric(v as 'published' | 'visits')}
              options={[
                { label: '发稿量', value: 'published' },
                { label: '访问量', value: 'visits' },
              ]}
            />
          </Form.Item>
          <Space>
            <Button onClick={() => void load()}>刷新</Button>
            <Button
              type="primary"
              onClick={() =>
                void downloadFile('/stats/overview.xlsx', query).catch((e: unknown) =>
                  setError(e instanceof Error ? e.message : '导出失败'),
                )
              }
            >
              导出 Excel
            </Button>
          </Space>
        </Form>
        {error && (
          <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />
        )}
        <EChart
          option={option}
          height={Math.max(240, top.length * 24 + 40)}
          label={`各站点${metric === 'published' ? '发稿量' : '访问量'}前 20 名`}
        />
        <Table
          rowKey="siteId"
          loading={loading}
          dataSource={rows}
          size="small"
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个站点` }}
          columns={[
            { title: '站点（单位）', dataIndex: 'name' },
            {
              title: '类型',
              dataIndex: 'kind',
              render: (v: string) => KIND[v] ?? v,
              filters: Object.entries(KIND).map(([value, text]) => ({ text, value })),
              onFilter: (v, r) => r.kind === v,
            },
            { title: '分组', dataIndex: 'grouping' },
            { title: '访问量', dataIndex: 'visits', sorter: (a, b) => a.visits - b.visits },
            {
              title: '发稿量',
              dataIndex: 'published',
              sorter: (a, b) => a.published - b.published,
              defaultSortOrder: 'descend',
            },
          ]}
        />
      </Card>
    </>
  )
}
