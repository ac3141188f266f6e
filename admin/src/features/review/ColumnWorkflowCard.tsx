import { App, Alert, Button, Card, Radio, Space, Spin, Typography } from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { api, ApiError, formErrors } from '../../api'
import type { EffectiveWorkflow, Level } from './review-api'
import { levelHolders, WORKFLOW_SOURCE_LABELS } from './review-labels'
import { useSiteUsers } from './workflow-hooks'
import { cleanLevels, levelProblems, newLevel } from './workflow-levels'
import { WorkflowLevelsEditor } from './WorkflowLevelsEditor'

type Mode = 'inherit' | 'override' | 'none'

function modeOf(w: EffectiveWorkflow): Mode {
  if (w.source !== 'column') return 'inherit'
  return w.levels.length === 0 ? 'none' : 'override'
}

/** A column's review workflow: inherited, its own levels, or explicitly no review. */
export function ColumnWorkflowCard({
  siteId,
  columnId,
  columnName,
  canManage,
}: {
  siteId: number
  columnId: number
  columnName: string
  canManage: boolean
}) {
  const { message } = App.useApp()
  const [effective, setEffective] = useState<EffectiveWorkflow | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [mode, setMode] = useState<Mode>('inherit')
  const [levels, setLevels] = useState<Level[]>([])
  const [saving, setSaving] = useState(false)
  const [showProblems, setShowProblems] = useState(false)
  const { users } = useSiteUsers(siteId, canManage)

  const load = useCallback(async () => {
    setError(null)
    try {
      const res = await api.get<{ data: EffectiveWorkflow }>(`/columns/${columnId}/workflow`)
      setEffective(res.data)
      setMode(modeOf(res.data))
      setLevels(res.data.levels)
      setShowProblems(false)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '审核流程加载失败')
    }
  }, [columnId])

  useEffect(() => {
    setEffective(null)
    void load()
  }, [load])

  const problems = useMemo(() => levelProblems(levels), [levels])
  const userName = (id: number) => {
    const u = users.find((x) => x.id === id)
    return u ? u.displayName || u.username : `用户 #${id}`
  }

  const save = async () => {
    if (!effective) return
    if (mode === 'override' && (levels.length === 0 || problems.size > 0)) {
      setShowProblems(true)
      message.error(
        levels.length === 0 ? '请至少添加一级审核，或选择“不需审核”' : '请按提示完善审核级别',
      )
      return
    }
    setSaving(true)
    try {
      if (mode === 'inherit') {
        if (effective.source === 'column' && effective.workflowId)
          await api.del(`/sites/${siteId}/workflows/${effective.workflowId}`)
      } else {
        await api.put(`/sites/${siteId}/workflows`, {
          columnId,
          levels: mode === 'none' ? [] : cleanLevels(levels),
        })
      }
      message.success(`“${columnName}”的审核流程已保存`)
      await load()
    } catch (e) {
      message.error(formErrors(e).message)
    } finally {
      setSaving(false)
    }
  }

  const radioName = `column-workflow-mode-${columnId}`
  return (
    <Card size="small" title="审核流程" style={{ marginTop: 16 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!effective && !error && <Spin description="加载中" />}
      {effective && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            当前：{WORKFLOW_SOURCE_LABELS[effective.source]}，
            {effective.levels.length === 0
              ? '信息无需审核，提交即发布'
              : `${effective.levels.length} 级审核（${effective.levels
                  .map((l) => `${l.name}：${levelHolders(l, userName)}`)
                  .join(' → ')}）`}
          </Typography.Text>
          {canManage && (
            <>
              <Radio.Group
                name={radioName}
                aria-label="审核流程设置方式"
                value={mode}
                onChange={(e) => {
                  const next = e.target.value as Mode
                  setMode(next)
                  if (next === 'override' && levels.length === 0) setLevels([newLevel(0)])
                }}
                options={[
                  { value: 'inherit', label: '继承（上级栏目或站点默认）' },
                  { value: 'override', label: '单独设置审核级别' },
                  { value: 'none', label: '本栏目不需审核' },
                ]}
              />
              {mode === 'override' && (
                <WorkflowLevelsEditor
                  idPrefix={`column-${columnId}-workflow`}
                  value={levels}
                  onChange={setLevels}
                  users={users}
                  problems={showProblems ? problems : new Map()}
                />
              )}
              <Typography.Text type="secondary">设置对本栏目的下级栏目同样有效。</Typography.Text>
              <Button type="primary" loading={saving} onClick={() => void save()}>
                保存审核流程
              </Button>
            </>
          )}
        </Space>
      )}
    </Card>
  )
}
