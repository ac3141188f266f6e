import type { TableColumnType } from 'antd'
import { Button, Popconfirm, Typography } from 'antd'
import type { ReactNode } from 'react'
import type { Submission } from '../../../../common/cluster'
import { formatDateTime } from '../../../../common/time'
import { showsReason } from './cluster-labels'
import { ReasonText, SubmissionStatusTag } from './ClusterTags'

// Column builders and cell parts shared by the cluster lists (报送收件箱, 报送信息, 推送接收).

/** A cell's second line: small grey text beneath the main value. */
export function SecondaryLine({ children }: { children: ReactNode }) {
  return (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
      {children}
    </Typography.Text>
  )
}

/** The 标题 column: the title (as `renderTitle` draws it) with the 报送说明 beneath. */
export function titleWithNoteColumn<T extends { title: string; note: string }>(
  renderTitle: (title: string, r: T) => ReactNode,
): TableColumnType<T> {
  return {
    title: '标题',
    dataIndex: 'title',
    render: (title: string, r) => (
      <>
        {renderTitle(title, r)}
        {r.note && <SecondaryLine>报送说明：{r.note}</SecondaryLine>}
      </>
    ),
  }
}

/** The target as "site · column" (just the site when there is no column). */
export function targetColumn<T extends { targetSiteName: string; targetColumnName: string }>(
  title: string,
): TableColumnType<T> {
  return {
    title,
    key: 'target',
    width: 200,
    render: (_v, r) => `${r.targetSiteName}${r.targetColumnName ? ` · ${r.targetColumnName}` : ''}`,
  }
}

/** A submission's status tag, its round (from the second on) and the reason where it has one. */
export function submissionStatusColumn(
  width: number,
  roundLabel: (rounds: number) => ReactNode,
  extra?: (r: Submission) => ReactNode,
): TableColumnType<Submission> {
  return {
    title: '状态',
    dataIndex: 'status',
    width,
    render: (_v, r) => (
      <>
        <SubmissionStatusTag status={r.status} />
        {r.rounds > 1 && <Typography.Text type="secondary">{roundLabel(r.rounds)}</Typography.Text>}
        {showsReason(r.status) && <ReasonText reason={r.reason} />}
        {extra?.(r)}
      </>
    ),
  }
}

/** A person's name ('—' when unknown) with a time beneath. */
export function PersonTime({ name, at }: { name: string; at: string | null }) {
  return (
    <>
      {name || '—'}
      <SecondaryLine>{formatDateTime(at)}</SecondaryLine>
    </>
  )
}

/** A "person / time" column; `pick` gives the name and time, or null for a plain '—'. */
export function personTimeColumn<T>(
  title: string,
  key: string,
  pick: (r: T) => { name: string; at: string | null } | null,
): TableColumnType<T> {
  return {
    title,
    key,
    width: 160,
    render: (_v, r) => {
      const who = pick(r)
      return who ? <PersonTime name={who.name} at={who.at} /> : '—'
    },
  }
}

/** The 处理人 column: who decided, '—' while undecided. */
export function deciderColumn<T extends { decidedAt: string | null; decidedByName: string }>(
  width: number,
): TableColumnType<T> {
  return {
    title: '处理人',
    key: 'decided',
    width,
    render: (_v, r) => (r.decidedAt ? r.decidedByName || '—' : '—'),
  }
}

interface RowActionProps {
  /** The button's text. */
  label: string
  /** What the action is on (the row's title), for the accessible name "verb：subject". */
  subject: string
  /** The verb of the accessible name; the label by default. */
  verb?: string
  danger?: boolean
}

/** A small link button acting on one row. */
export function RowAction({
  label,
  subject,
  verb,
  danger,
  onClick,
}: RowActionProps & { onClick: () => void }) {
  return (
    <Button
      type="link"
      size="small"
      danger={danger}
      aria-label={`${verb ?? label}：${subject}`}
      onClick={onClick}
    >
      {label}
    </Button>
  )
}

/** A row action asking for confirmation first (the confirm button says the label). */
export function ConfirmAction({
  label,
  subject,
  verb,
  danger,
  title,
  description,
  onConfirm,
}: RowActionProps & { title: string; description: ReactNode; onConfirm: () => void }) {
  return (
    <Popconfirm
      title={title}
      description={description}
      okText={label}
      cancelText="取消"
      onConfirm={onConfirm}
    >
      {/* Directly inside the Popconfirm, which attaches its handlers to this button. */}
      <Button type="link" size="small" danger={danger} aria-label={`${verb ?? label}：${subject}`}>
        {label}
      </Button>
    </Popconfirm>
  )
}
