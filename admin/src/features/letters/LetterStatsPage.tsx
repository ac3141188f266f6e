import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { EChart } from '../../shell/EChart'
import { LoadError } from '../../shell/LoadError'
import { letterApi, type StatsGroupBy, type StatsResult, type StatsRow } from './letter-api'
import { formatDays, formatRate } from './letter-labels'
import {
  chartRows,
  GROUP_BY_OPTIONS,
  groupByLabel,
  ratesOption,
  STATS_FIELDS,
  statsCell,
  statsQuery,
  volumeOption,
} from './letter-stats'
import { SiteTreeSelect } from './LetterTags'
import { useMailboxOptions } from './useMailboxOptions'

const rate = (v: number | null) => formatRate(v)
const days = (v: number | null) => formatDays(v)

/** 来信统计: received, answered, on time and satisfaction per unit, site, mailbox, type or month. */
export default function LetterStatsPage() {
  const { message } = App.useApp()
  const [groupBy, setGroupBy] = useState<StatsGroupBy>('unit')
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null]>([
    dayjs().startOf('year'),
    dayjs(),
  ])
  const [siteId, setSiteId] = useState<number | undefined>()
  const [mailboxId, setMailboxId] = useState<number | undefined>()
  const [result, setResult] = useState<StatsResult | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const mailboxes = useMailboxOptions(siteId)

  const query = useMemo(
    () =>
      statsQuery({
        groupBy,
        from: range[0]?.format('YYYY-MM-DD'),
        to: range[1]?.format('YYYY-MM-DD'),
        siteId,
        mailboxId,
      }),
    [groupBy, range, siteId, mailboxId],
  )

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setResult(await letterApi.statistics(query))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '来信统计加载失败')
    } finally {
      setLoading(false)
    }
  }, [query])

  useEffect(() => {
    void load()
  }, [load])

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/letters/statistics.xlsx', query)
      message.success('导出完成')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const rows = useMemo(() => result?.rows ?? [], [result])
  const charted = useMemo(() => chartRows(rows, groupBy), [rows, groupBy])
  const volume = useMemo(() => volumeOption(charted, groupBy), [charted, groupBy])
  const rates = useMemo(() => ratesOption(charted, groupBy), [charted, groupBy])
  const groupName = groupByLabel(groupBy)
  const isMonth = groupBy === 'month'

  const columns: TableColumnsType<StatsRow> = [
    { title: groupName, dataIndex: 'label', fixed: 'left', width: 160 },
    ...STATS_FIELDS.map((f) => ({
      title: f.title,
      dataIndex: f.key,
      render: (_: unknown, r: StatsRow) => statsCell(r, f.key),
      sorter: (a: StatsRow, b: StatsRow) => (a[f.key] ?? -1) - (b[f.key] ?? -1),
    })),
  ]
  const total = result?.total

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        来信统计
      </Typography.Title>
      <Card size="small">
        <Form layout="inline" name="letter-stats-filters" style={{ rowGap: 8 }}>
          <Form.Item label="统计维度" htmlFor="letter-stats-group">
            <Select
              id="letter-stats-group"
              style={{ width: 120 }}
              options={GROUP_BY_OPTIONS}
              value={groupBy}
              onChange={(v: StatsGroupBy) => setGroupBy(v)}
            />
          </Form.Item>
          <Form.Item label="收信日期" htmlFor="letter-stats-range">
            <DatePicker.RangePicker
              id="letter-stats-range"
              allowEmpty={[true, true]}
              value={range}
              onChange={(v) => setRange([v?.[0] ?? null, v?.[1] ?? null])}
            />
          </Form.Item>
          <Form.Item label="站点" htmlFor="letter-stats-site">
            <SiteTreeSelect
              id="letter-stats-site"
              placeholder="全部站点"
              value={siteId}
              onChange={(v) => {
                setSiteId(v)
                setMailboxId(undefined)
              }}
            />
          </Form.Item>
          <Form.Item label="信箱" htmlFor="letter-stats-mailbox">
            <Select
              id="letter-stats-mailbox"
              allowClear
              style={{ width: 180 }}
              placeholder={siteId ? '全部信箱' : '请先选择站点'}
              disabled={!siteId}
              loading={mailboxes.loading}
              options={mailboxes.options}
              value={mailboxId}
              onChange={(v?: number) => setMailboxId(v)}
            />
          </Form.Item>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              刷新
            </Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void exportXlsx()}
            >
              导出 Excel
            </Button>
          </Space>
        </Form>
      </Card>
      <LoadError error={error} onRetry={() => void load()} />
      {total && (
        <Card size="small">
          <Space wrap size="large" aria-label="合计">
            <span>收信 {total.received} 封</span>
            <span>已答复 {total.answered} 封</span>
            <span>按时办结率 {rate(total.onTimeRate)}</span>
            <span>平均用时 {days(total.avgDays)} 个工作日</span>
            <span>满意率 {rate(total.satisfactionRate)}</span>
            <span>重办率 {rate(total.reopenRate)}</span>
          </Space>
        </Card>
      )}
      {charted.length > 0 && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={`收信与答复（按${groupName}${isMonth ? '' : '，前 20'}）`}>
              <EChart
                option={volume}
                height={isMonth ? 300 : Math.max(240, charted.length * 28 + 60)}
                label={`按${groupName}的收信量与答复量`}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={`按时办结率与满意率（按${groupName}）`}>
              <EChart option={rates} height={320} label={`按${groupName}的按时办结率与满意率`} />
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small">
        {/* A focusable region, so keyboard users can scroll the wide table. */}
        <div role="region" aria-label="来信统计表" tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table<StatsRow>
            rowKey="key"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={rows}
            style={{ minWidth: 1300 }}
            pagination={rows.length > 50 ? { pageSize: 50, showTotal: (n) => `共 ${n} 组` } : false}
            locale={{ emptyText: <Empty description="所选期间没有来信" /> }}
            summary={() =>
              total ? (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <strong>合计</strong>
                    </Table.Summary.Cell>
                    {STATS_FIELDS.map((f, i) => (
                      <Table.Summary.Cell key={f.key} index={i + 1}>
                        {statsCell(total, f.key)}
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              ) : null
            }
          />
        </div>
      </Card>
    </Space>
  )
}
