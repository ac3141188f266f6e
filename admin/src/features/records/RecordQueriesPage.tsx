import { DownloadOutlined, SearchOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import { RECORDS_OUTCOMES, RECORDS_OUTCOME_LABELS } from '../../../../common/records'
import { formatDateTime } from '../../../../common/time'
import { formErrors } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { recordsApi, type RecordsQueryView, type RecordsSetView } from './records-api'

interface Filters {
  setId?: number
  idNumber?: string
  outcome?: string
  range?: [Dayjs | null, Dayjs | null] | null
}

type Query = Record<string, string | number | undefined>

const toQuery = (f: Filters): Query => ({
  setId: f.setId,
  idNumber: f.idNumber?.trim() || undefined,
  outcome: f.outcome,
  from: f.range?.[0]?.format('YYYY-MM-DD'),
  to: f.range?.[1]?.format('YYYY-MM-DD'),
})

const OUTCOME_COLOR: Record<string, string> = {
  found: '#237804',
  no_match: '#ad4e00',
  locked: '#a8071a',
}

/**
 * 查询日志: every public query of the sets the user manages, with the ID number's keyed hash
 * only. Typing an ID number finds its queries (the server hashes it; it is never stored).
 */
export default function RecordQueriesPage() {
  const { message } = App.useApp()
  const [form] = Form.useForm<Filters>()
  const [query, setQuery] = useState<Query>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [sets, setSets] = useState<RecordsSetView[]>([])
  const list = usePagedList<RecordsQueryView>(
    '/records/queries',
    query,
    page,
    pageSize,
    '查询日志加载失败',
  )
  const setOptions = useMemo(() => sets.map((s) => ({ value: s.id, label: s.name })), [sets])

  useEffect(() => {
    recordsApi
      .sets()
      .then((r) => setSets(r.data))
      .catch(() => setSets([]))
  }, [])

  const columns: TableColumnsType<RecordsQueryView> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '查询项目', dataIndex: 'setName', width: 180 },
    {
      title: '身份证号哈希',
      dataIndex: 'idHash',
      render: (v: string) => (
        <Typography.Text code copyable style={{ fontSize: 12 }}>
          {v}
        </Typography.Text>
      ),
    },
    { title: 'IP 地址', dataIndex: 'ip', width: 140 },
    {
      title: '结果',
      key: 'outcome',
      width: 130,
      render: (_: unknown, q) => <Tag color={OUTCOME_COLOR[q.outcome]}>{q.outcomeLabel}</Tag>,
    },
    { title: '记录条数', dataIndex: 'rowCount', width: 90 },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        个人查询日志
      </Typography.Title>
      <Card size="small">
        <Form
          form={form}
          layout="inline"
          name="records-queries"
          onFinish={(f) => {
            setPage(1)
            setQuery(toQuery(f))
          }}
        >
          <Form.Item name="setId" label="查询项目">
            <Select allowClear style={{ width: 200 }} options={setOptions} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号">
            <Input
              allowClear
              maxLength={18}
              style={{ width: 200 }}
              placeholder="按身份证号查找"
              autoComplete="off"
            />
          </Form.Item>
          <Form.Item name="outcome" label="结果">
            <Select
              allowClear
              style={{ width: 150 }}
              options={RECORDS_OUTCOMES.map((o) => ({
                value: o,
                label: RECORDS_OUTCOME_LABELS[o],
              }))}
            />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void downloadFile('/records/queries/export.xlsx', query).catch((e: unknown) =>
                    message.error(formErrors(e).message),
                  )
                }
              >
                导出 Excel
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {list.error ? (
        <LoadError error={list.error} onRetry={() => void list.load()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.rows}
          pagination={{
            current: page,
            pageSize,
            total: list.total,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 条`,
            onChange: (p, s) => {
              setPage(p)
              setPageSize(s)
            },
          }}
        />
      )}
    </Space>
  )
}
