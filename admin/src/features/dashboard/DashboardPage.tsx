import { Alert, Card, Col, Empty, List, Row, Spin, Table, Tag, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { Link } from 'react-router-dom'
import { UPDATE_CLASS_LABELS, type UpdateClass } from '../../../../common/enums'
import { formatDate, formatDateTime } from '../../../../common/time'
import { api, ApiError } from '../../api'
import { EChart } from '../../shell/EChart'
import { useSession } from '../../shell/session'

interface Dashboard {
  drafts: { id: number; title: string; updatedAt: string }[]
  recent: { id: number; title: string; publishedAt: string; author: string }[]
  visits: { day: string; count: number }[]
  updatesPerColumn: { columnId: number; name: string; count: number }[]
  dueColumns: {
    columnId: number
    name: string
    path: string
    updateClass: UpdateClass
    lastPublishedAt: string | null
    daysLeft: number
  }[]
}

export default function DashboardPage() {
  const { site } = useSession()
  const [data, setData] = useState<Dashboard | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!site) return
    setData(null)
    setError(null)
    api
      .get<{ data: Dashboard }>('/dashboard', { siteId: site.id })
      .then((r) => setData(r.data))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'))
  }, [site])

  const visitsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: data?.visits.map((v) => v.day.slice(5)) ?? [] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '访问量',
          type: 'line',
          smooth: true,
          data: data?.visits.map((v) => v.count) ?? [],
          color: '#b4000f',
        },
      ],
    }),
    [data],
  )
  const updatesOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 120, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: data?.updatesPerColumn.map((c) => c.name) ?? [],
      },
      series: [
        {
          name: '发布数',
          type: 'bar',
          data: data?.updatesPerColumn.map((c) => c.count) ?? [],
          color: '#b4000f',
        },
      ],
    }),
    [data],
  )

  if (error) return <Alert type="error" showIcon message={error} role="alert" />
  if (!data) return <Spin tip="加载中" />
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        工作台 · {site?.name}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="我的草稿" extra={<Link to="/articles/new">写信息</Link>}>
            <List
              dataSource={data.drafts}
              locale={{ emptyText: <Empty description="没有草稿" /> }}
              renderItem={(d) => (
                <List.Item extra={formatDate(d.updatedAt)}>
                  <Link to={`/articles/${d.id}`}>{d.title}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="最近发布" extra={<Link to="/articles?status=published">全部</Link>}>
            <List
              dataSource={data.recent}
              locale={{ emptyText: <Empty description="暂无发布" /> }}
              renderItem={(d) => (
                <List.Item extra={formatDateTime(d.publishedAt)}>
                  <Link to={`/articles/${d.id}`}>{d.title}</Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="近 30 天访问量">
            <EChart
              option={visitsOption}
              label={`近30天访问量，共 ${data.visits.reduce((s, v) => s + v.count, 0)} 次`}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="近 30 天各栏目发布数">
            {data.updatesPerColumn.length ? (
              <EChart option={updatesOption} label="近30天各栏目发布数" />
            ) : (
              <Empty description="近 30 天没有发布" />
            )}
          </Card>
        </Col>
        <Col span={24}>
          <Card title="临近或已超过更新期限的栏目">
            <Table
              rowKey="columnId"
              size="small"
              pagination={false}
              dataSource={data.dueColumns}
              locale={{ emptyText: '所有栏目都在更新期限内' }}
              columns={[
                { title: '栏目', dataIndex: 'name' },
                { title: '路径', dataIndex: 'path' },
                {
                  title: '更新要求',
                  dataIndex: 'updateClass',
                  render: (v: UpdateClass) => UPDATE_CLASS_LABELS[v],
                },
                {
                  title: '最近发布',
                  dataIndex: 'lastPublishedAt',
                  render: (v: string | null) => (v ? formatDate(v) : '从未发布'),
                },
                {
                  title: '剩余天数',
                  dataIndex: 'daysLeft',
                  render: (v: number) =>
                    v < 0 ? (
                      <Tag color="#a8071a">已超期 {-v} 天</Tag>
                    ) : (
                      <Tag color="#ad4e00">{v} 天</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}
