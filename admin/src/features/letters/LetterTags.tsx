import { Space, Tag, TreeSelect, Typography } from 'antd'
import { useMemo } from 'react'
import { formatDateTime } from '../../../../common/time'
import { siteTree } from '../../shell/AppLayout'
import { useSession } from '../../shell/session'
import { useUnitSites, type LetterDueStatus, type LetterState } from './letter-api'
import { dueTag, RED_FLAG_COLOR, RED_FLAG_LABEL, stateColor, stateLabel } from './letter-labels'

export function StateTag({ state, label }: { state: LetterState; label?: string }) {
  return <Tag color={stateColor(state)}>{label || stateLabel(state)}</Tag>
}

/** The 3-month red flag (国办秘函〔2019〕19号: a valid letter unanswered 3 months is a veto). */
export function RedFlag() {
  return (
    <Tag color={RED_FLAG_COLOR} style={{ fontWeight: 600 }}>
      {RED_FLAG_LABEL}
    </Tag>
  )
}

/** The deadline of the open stage with its status tag (即将到期 / 催办 / 督办) and the red flag. */
export function DueCell({
  dueAt,
  dueStatus,
  redFlag,
}: {
  dueAt: string | null
  dueStatus: LetterDueStatus
  redFlag: boolean
}) {
  const tag = dueTag(dueStatus)
  return (
    <Space orientation="vertical" size={2}>
      {dueAt ? (
        <Typography.Text>{formatDateTime(dueAt)}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      )}
      {(tag || redFlag) && (
        <Space size={2} wrap>
          {tag && <Tag color={tag.color}>{tag.label}</Tag>}
          {redFlag && <RedFlag />}
        </Space>
      )}
    </Space>
  )
}

/** A picker of the sites the user can see, grouped as in the site switcher (承办单位, 站点). */
export function SiteTreeSelect({
  id,
  value,
  onChange,
  placeholder,
  allowClear = true,
  width = 260,
  units = false,
  ...aria
}: {
  id?: string
  value?: number | null
  onChange?: (v: number | undefined) => void
  placeholder?: string
  allowClear?: boolean
  width?: number | string
  /** List every site a letter may be assigned to, not only the user's own. */
  units?: boolean
  'aria-label'?: string
  'aria-invalid'?: boolean
}) {
  const { sites } = useSession()
  const unitSites = useUnitSites(units)
  const source = units ? unitSites : sites
  const tree = useMemo(() => siteTree(source), [source])
  return (
    <TreeSelect
      id={id}
      {...aria}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      placeholder={placeholder}
      style={{ width }}
      treeData={tree}
      value={value ?? undefined}
      onChange={(v: unknown) => onChange?.(typeof v === 'number' ? v : undefined)}
    />
  )
}
