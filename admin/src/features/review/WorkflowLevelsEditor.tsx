import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Col, Empty, Form, Input, Row, Select, Space, Typography } from 'antd'
import type { Level, LevelRole, SiteUser } from './review-api'
import { LEVEL_ROLE_LABELS } from './review-labels'
import { MAX_LEVELS, moveLevel, newLevel } from './workflow-levels'

const ROLE_OPTIONS: { value: LevelRole | ''; label: string }[] = [
  { value: 'reviewer', label: LEVEL_ROLE_LABELS.reviewer },
  { value: 'admin', label: LEVEL_ROLE_LABELS.admin },
  { value: '', label: '不按角色（仅指定人员）' },
]

/**
 * Edits the ordered review levels (0–5). Each level is held by a site role, named people or
 * both; any one holder's approval moves the article to the next level.
 */
export function WorkflowLevelsEditor({
  idPrefix,
  value,
  onChange,
  users,
  problems,
  disabled,
}: {
  idPrefix: string
  value: Level[]
  onChange: (levels: Level[]) => void
  users: SiteUser[]
  problems: Map<number, string>
  disabled?: boolean
}) {
  const set = (i: number, patch: Partial<Level>) =>
    onChange(value.map((l, j) => (j === i ? { ...l, ...patch } : l)))
  const known = new Set(users.map((u) => u.id))
  const userOptions = (selected: number[]) => [
    ...users.map((u) => ({
      value: u.id,
      label: `${u.displayName || u.username}（${u.username}）`,
    })),
    // People named earlier who no longer hold a role here still show, so they can be removed.
    ...selected.filter((id) => !known.has(id)).map((id) => ({ value: id, label: `用户 #${id}` })),
  ]

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {value.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="不设审核级别：编辑提交后直接发布（先审后发须至少设一级）"
        />
      )}
      {value.map((level, i) => {
        const id = `${idPrefix}-level-${i}`
        const problem = problems.get(i)
        return (
          <Card
            key={i}
            size="small"
            role="group"
            aria-label={`第 ${i + 1} 级审核`}
            title={`第 ${i + 1} 级`}
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={`第 ${i + 1} 级上移`}
                  disabled={disabled || i === 0}
                  onClick={() => onChange(moveLevel(value, i, -1))}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  aria-label={`第 ${i + 1} 级下移`}
                  disabled={disabled || i === value.length - 1}
                  onClick={() => onChange(moveLevel(value, i, 1))}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除第 ${i + 1} 级`}
                  disabled={disabled}
                  onClick={() => onChange(value.filter((_, j) => j !== i))}
                />
              </Space>
            }
          >
            <Row gutter={12}>
              <Col xs={24} md={6}>
                <Form.Item label="级别名称" htmlFor={`${id}-name`} style={{ marginBottom: 8 }}>
                  <Input
                    id={`${id}-name`}
                    value={level.name}
                    maxLength={50}
                    disabled={disabled}
                    placeholder="如 初审"
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={7}>
                <Form.Item label="审核角色" htmlFor={`${id}-role`} style={{ marginBottom: 8 }}>
                  <Select
                    id={`${id}-role`}
                    value={level.role ?? ''}
                    disabled={disabled}
                    options={ROLE_OPTIONS}
                    onChange={(v: LevelRole | '') => set(i, { role: v || null })}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={11}>
                <Form.Item label="指定审核人员" htmlFor={`${id}-users`} style={{ marginBottom: 8 }}>
                  <Select
                    id={`${id}-users`}
                    mode="multiple"
                    value={level.userIds}
                    disabled={disabled}
                    placeholder="可选：本站用户"
                    options={userOptions(level.userIds)}
                    showSearch={{ optionFilterProp: 'label' }}
                    onChange={(ids: number[]) => set(i, { userIds: ids })}
                  />
                </Form.Item>
              </Col>
            </Row>
            {problem && (
              <Typography.Text type="danger" role="alert">
                {problem}
              </Typography.Text>
            )}
          </Card>
        )
      })}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        disabled={disabled || value.length >= MAX_LEVELS}
        onClick={() => onChange([...value, newLevel(value.length)])}
      >
        添加审核级别（最多 {MAX_LEVELS} 级）
      </Button>
    </Space>
  )
}
