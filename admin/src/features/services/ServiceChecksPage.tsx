import {
  App,
  Alert,
  Button,
  Card,
  Progress,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api'
import { serviceApi, type CheckReport, type CheckRun } from './service-api'

const ROLE = { template: '空白表格', sample: '示例样表' }

/** 检查: missing elements, forms that don't download, overlapping items of different units. */
export default function ServiceChecksPage() {
  const { message } = App.useApp()
  const [run, setRun] = useState<CheckRun | null>(null)
  const [starting, setStarting] = useState(false)
  const timer = useRef<number | null>(null)

  const poll = useCallback((id: number) => {
    timer.current = window.setTimeout(() => {
      void serviceApi.check(id).then((r) => {
        setRun(r)
        if (r.status === 'running') poll(id)
      })
    }, 1000)
  }, [])

  useEffect(() => {
    void serviceApi.latestCheck().then((r) => {
      setRun(r)
      if (r?.status === 'running') poll(r.id)
    })
    return () => {
      if (timer.current) window.clearTimeout(timer.current)
    }
  }, [poll])

  const start = async () => {
    setStarting(true)
    try {
      const r = await serviceApi.startCheck()
      setRun(r)
      poll(r.id)
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '无法开始检查')
    } finally {
      setStarting(false)
    }
  }

  const running = run?.status === 'running'
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        办事指南检查
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Button type="primary" loading={starting || running} onClick={() => void start()}>
            {running ? '检查中…' : '开始检查'}
          </Button>
          <Typography.Text type="secondary">
            检查八要素是否齐全（每缺一项扣 2
            分）、每个表格能否下载（文件存在、非空、类型与声明一致；外部链接在 5 秒内返回
            200），以及不同单位名称相同或相近（相似度 ≥ 0.8）、设定依据相同的重复事项。
          </Typography.Text>
        </Space>
        {running && run && (
          <Progress
            percent={run.total ? Math.round((run.done / run.total) * 100) : 0}
            format={() => `${run.done}/${run.total} 个表格`}
            aria-label="检查进度"
          />
        )}
        {run?.status === 'failed' && <Alert type="error" showIcon title={run.error} />}
      </Card>
      {run?.report && <Report report={run.report} finishedAt={run.finishedAt} />}
    </Space>
  )
}

function Report({ report, finishedAt }: { report: CheckReport; finishedAt: string | null }) {
  return (
    <>
      <Card
        size="small"
        title={`检查时间：${(finishedAt ?? report.generatedAt).slice(0, 19).replace('T', ' ')}（UTC）`}
      >
        <Space size="large" wrap>
          <Statistic title="事项" value={report.items} />
          <Statistic title="要素不全" value={report.missing.length} />
          <Statistic title="表格可下载率" value={(report.forms.rate * 100).toFixed(1)} suffix="%" />
          <Statistic title="不能下载的表格" value={report.forms.failed.length} />
          <Statistic title="疑似重复事项组" value={report.overlaps.length} />
        </Space>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'missing',
              label: `要素不全（${report.missing.length}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={report.missing}
                  columns={[
                    { title: '事项', dataIndex: 'name' },
                    { title: '实施主体', dataIndex: 'unitName', width: 200 },
                    {
                      title: '缺少',
                      dataIndex: 'missing',
                      render: (m: string[]) => m.map((x) => <Tag key={x}>{x}</Tag>),
                    },
                    {
                      title: '扣分',
                      dataIndex: 'deduction',
                      width: 70,
                      render: (d: number) => `−${d}`,
                    },
                  ]}
                />
              ),
            },
            {
              key: 'forms',
              label: `表格下载（${report.forms.ok}/${report.forms.total}）`,
              children: (
                <Table
                  rowKey={(f) => `${f.itemId}-${f.material}-${f.role}`}
                  size="small"
                  dataSource={report.forms.failed}
                  columns={[
                    { title: '事项', dataIndex: 'itemName' },
                    { title: '实施主体', dataIndex: 'unitName', width: 180 },
                    { title: '材料', dataIndex: 'material' },
                    {
                      title: '表格',
                      dataIndex: 'role',
                      width: 90,
                      render: (r: 'template' | 'sample') => ROLE[r],
                    },
                    { title: '问题', dataIndex: 'message' },
                    {
                      title: '地址',
                      dataIndex: 'url',
                      render: (u: string) => (
                        <Typography.Text copyable ellipsis style={{ maxWidth: 240 }}>
                          {u}
                        </Typography.Text>
                      ),
                    },
                  ]}
                />
              ),
            },
            {
              key: 'overlaps',
              label: `重复事项（${report.overlaps.length}）`,
              children: (
                <Table
                  rowKey={(g) => g.items.map((i) => i.id).join('-')}
                  size="small"
                  dataSource={report.overlaps}
                  columns={[
                    {
                      title: '事项（单位）',
                      key: 'items',
                      render: (_: unknown, g) => (
                        <ul style={{ margin: 0, paddingLeft: 18 }}>
                          {g.items.map((i) => (
                            <li key={i.id}>
                              {i.name}（{i.unitName}，{i.code}）
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                    {
                      title: '原因',
                      dataIndex: 'reasons',
                      width: 220,
                      render: (r: string[]) => r.map((x) => <Tag key={x}>{x}</Tag>),
                    },
                    { title: '名称相似度', dataIndex: 'similarity', width: 110 },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  )
}
