import { App, Button, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useCallback, useEffect, useMemo, useState } from 'react'
import {
  RULE_SEVERITIES,
  SEVERITY_LABELS,
  type CheckRule,
  type RuleSeverity,
} from '../../../../common/checks'
import { ApiError } from '../../api'
import { LoadError } from '../../shell/LoadError'
import { checksApi, type RuleSetting } from './checks-api'

const SEVERITY_COLORS: Record<RuleSeverity, string> = {
  blocking: '#a8071a',
  warning: '#ad4e00',
  off: 'default',
}

/** 规则设置: each rule's severity for the whole cluster (阻止发布 / 提醒 / 关闭). */
export function RulesTab() {
  const { message } = App.useApp()
  const [rules, setRules] = useState<RuleSetting[]>([])
  const [draft, setDraft] = useState<Partial<Record<CheckRule, RuleSeverity>>>({})
  const [loading, setLoading] = useState(true)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setRules(await checksApi.rules())
      setDraft({})
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '检查规则加载失败')
    } finally {
      setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const changed = useMemo(
    () =>
      Object.fromEntries(
        Object.entries(draft).filter(
          ([rule, s]) => rules.find((r) => r.rule === rule)?.severity !== s,
        ),
      ) as Partial<Record<CheckRule, RuleSeverity>>,
    [draft, rules],
  )
  const dirty = Object.keys(changed).length > 0

  const save = async () => {
    setSaving(true)
    try {
      setRules(await checksApi.saveRules(changed))
      setDraft({})
      message.success('检查规则已保存，立即生效')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败，请稍后重试')
    } finally {
      setSaving(false)
    }
  }

  const columns: ColumnsType<RuleSetting> = [
    {
      title: '检查规则',
      dataIndex: 'label',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '规则代码',
      dataIndex: 'rule',
      width: 160,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: '级别',
      key: 'severity',
      width: 200,
      render: (_, r) => (
        <Select<RuleSeverity>
          aria-label={`${r.label}的级别`}
          style={{ width: 160 }}
          value={draft[r.rule] ?? r.severity}
          onChange={(v) => setDraft((d) => ({ ...d, [r.rule]: v }))}
          options={RULE_SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
        />
      ),
    },
    {
      title: '默认',
      dataIndex: 'default',
      width: 120,
      render: (v: RuleSeverity) => <Tag color={SEVERITY_COLORS[v]}>{SEVERITY_LABELS[v]}</Tag>,
    },
  ]

  return (
    <>
      <Typography.Paragraph type="secondary">
        “阻止发布”的问题须修改后才能提交审核和发布；“提醒”只在保存和审核时提示；“关闭”不再检查。设置对全部站点生效。
      </Typography.Paragraph>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<RuleSetting>
        rowKey="rule"
        size="middle"
        columns={columns}
        dataSource={rules}
        loading={{ spinning: loading, tip: '加载中' }}
        pagination={false}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" disabled={!dirty} loading={saving} onClick={() => void save()}>
          保存
        </Button>
        <Button disabled={!dirty || saving} onClick={() => setDraft({})}>
          撤销修改
        </Button>
      </Space>
    </>
  )
}
