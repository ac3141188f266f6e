import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Empty, Input, Select, Space, Spin, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { LETTER_TYPE_LABELS, LETTER_TYPES, type LetterType } from '../../../../common/letters'
import { ApiError, formErrors } from '../../api'
import { letterApi, type MailboxView } from './letter-api'
import { SiteTreeSelect } from './LetterTags'
import {
  emptyRoute,
  moveRow,
  routeProblems,
  routeRows,
  routesPayload,
  type RouteRow,
} from './mailbox-form'

const TYPE_OPTIONS = [
  { value: '', label: '全部类型' },
  ...LETTER_TYPES.map((t) => ({ value: t, label: LETTER_TYPE_LABELS[t] })),
]

/**
 * 分办规则: which unit a letter is proposed to on acceptance. The first rule that matches
 * (mailbox, type, category prefix) wins; the list is saved as a whole.
 */
export function LetterRoutesEditor({
  siteId,
  mailboxes,
}: {
  siteId: number
  mailboxes: MailboxView[]
}) {
  const { message } = App.useApp()
  const [rows, setRows] = useState<RouteRow[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [isDirty, setDirty] = useState(false)
  const [showProblems, setShowProblems] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setRows(routeRows(await letterApi.routes(siteId)))
      setDirty(false)
      setShowProblems(false)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '分办规则加载失败')
    } finally {
      setLoading(false)
    }
  }, [siteId])

  useEffect(() => {
    void load()
  }, [load])

  const mailboxOptions = useMemo(
    () => [
      { value: 0, label: '全部信箱' },
      ...mailboxes.map((m) => ({ value: m.id, label: m.name })),
    ],
    [mailboxes],
  )
  const problems = useMemo(() => routeProblems(rows), [rows])

  const change = (next: RouteRow[]) => {
    setRows(next)
    setDirty(true)
  }
  const patch = (i: number, p: Partial<RouteRow>) =>
    change(rows.map((r, j) => (j === i ? { ...r, ...p } : r)))

  const save = async () => {
    if (problems.size > 0) {
      setShowProblems(true)
      message.error('请为每条规则选择承办单位')
      return
    }
    setSaving(true)
    try {
      setRows(routeRows(await letterApi.saveRoutes(siteId, routesPayload(rows))))
      setDirty(false)
      message.success(rows.length ? `已保存 ${rows.length} 条分办规则` : '已清空分办规则')
    } catch (e) {
      message.error(formErrors(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card
      size="small"
      title="分办规则"
      extra={
        <Space>
          <Button icon={<PlusOutlined />} onClick={() => change([...rows, emptyRoute()])}>
            添加规则
          </Button>
          <Button type="primary" loading={saving} disabled={!isDirty} onClick={() => void save()}>
            保存规则
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        受理来信时按顺序逐条匹配，第一条符合的规则决定建议的承办单位（受理人可以改选）。
        分类前缀为空表示不限分类。
      </Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          action={<Button onClick={() => void load()}>重试</Button>}
        />
      )}
      <Spin spinning={loading} description="加载中">
        {rows.length === 0 ? (
          <Empty description="尚无分办规则，受理时手动选择承办单位" />
        ) : (
          <ol style={{ paddingLeft: 24, margin: 0 }}>
            {rows.map((r, i) => {
              const n = i + 1
              const problem = showProblems ? problems.get(i) : undefined
              return (
                <li key={r.key} style={{ marginBottom: 12 }}>
                  <Space wrap align="start">
                    <Select
                      aria-label={`第 ${n} 条规则的信箱`}
                      style={{ width: 160 }}
                      options={mailboxOptions}
                      value={r.mailboxId ?? 0}
                      onChange={(v: number) => patch(i, { mailboxId: v || null })}
                    />
                    <Select
                      aria-label={`第 ${n} 条规则的类型`}
                      style={{ width: 110 }}
                      options={TYPE_OPTIONS}
                      value={r.type}
                      onChange={(v: '' | LetterType) => patch(i, { type: v })}
                    />
                    <Input
                      aria-label={`第 ${n} 条规则的分类前缀`}
                      style={{ width: 160 }}
                      placeholder="分类前缀（可选）"
                      maxLength={200}
                      value={r.categoryPrefix}
                      onChange={(e) => patch(i, { categoryPrefix: e.target.value })}
                    />
                    <span>
                      <SiteTreeSelect
                        units
                        aria-label={`第 ${n} 条规则的承办单位`}
                        aria-invalid={Boolean(problem)}
                        placeholder="承办单位"
                        allowClear={false}
                        value={r.unitSiteId}
                        onChange={(v) => patch(i, { unitSiteId: v ?? null })}
                      />
                      {problem && (
                        <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
                          {problem}
                        </Typography.Text>
                      )}
                    </span>
                    <Button
                      aria-label={`上移第 ${n} 条规则`}
                      icon={<ArrowUpOutlined />}
                      disabled={i === 0}
                      onClick={() => change(moveRow(rows, i, -1))}
                    />
                    <Button
                      aria-label={`下移第 ${n} 条规则`}
                      icon={<ArrowDownOutlined />}
                      disabled={i === rows.length - 1}
                      onClick={() => change(moveRow(rows, i, 1))}
                    />
                    <Button
                      aria-label={`删除第 ${n} 条规则`}
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => change(rows.filter((_, j) => j !== i))}
                    />
                  </Space>
                </li>
              )
            })}
          </ol>
        )}
      </Spin>
    </Card>
  )
}
