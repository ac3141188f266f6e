import {
  ClockCircleOutlined,
  DeleteOutlined,
  EyeOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  StopOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons'
import { Button, Space } from 'antd'
import type { ReactNode } from 'react'
import type { ArticleDetail } from './article-api'

export type Busy =
  | null
  | 'save'
  | 'submit'
  | 'withdraw'
  | 'emergency'
  | 'schedule'
  | 'unpublish'
  | 'preview'
  | 'delete'

export interface ActionHandlers {
  preview: () => void
  save: () => void
  submit: () => void
  withdraw: () => void
  emergency: () => void
  schedule: () => void
  unpublish: () => void
  remove: () => void
}

/** The label of the submit button: 发布 when the column needs no review, else 提交审核. */
function submitLabel(article: ArticleDetail | null, levels: number): string {
  if (levels === 0) return article?.status === 'unpublished' ? '重新发布' : '发布'
  if (article?.status === 'published' || article?.workingCopy) return '提交修改稿审核'
  return '提交审核'
}

/** The editor's buttons, offered according to what the user may do now (`article.can`). */
export function ArticleActions({
  article,
  levels,
  busy,
  on,
  extra,
}: {
  article: ArticleDetail | null
  /** Review levels of the effective workflow (0: publishing needs no review). */
  levels: number
  busy: Busy
  on: ActionHandlers
  /** More entry points after the built-in buttons (e.g. 报送 / 推送). */
  extra?: ReactNode
}) {
  const can = article?.can
  const isNew = article === null
  const reviewOpen = article?.review?.state === 'pending'
  const live = article?.status === 'published' || article?.status === 'scheduled'
  const disabled = busy !== null
  // Planning needs write access, which `can` only implies (edit is off while in review).
  const canSchedule = Boolean(
    can && (can.edit || can.submit || can.unpublish || (reviewOpen && can.withdraw)),
  )
  const btn = (key: Exclude<Busy, null>) => ({ loading: busy === key, disabled })

  return (
    <Space wrap>
      <Button icon={<EyeOutlined />} {...btn('preview')} onClick={on.preview}>
        预览
      </Button>
      {(isNew || can?.edit) && (
        <Button icon={<SaveOutlined />} {...btn('save')} onClick={on.save}>
          {!live ? '保存草稿' : levels > 0 ? '保存修改稿' : '保存修改'}
        </Button>
      )}
      {(isNew || can?.submit) && (
        <Button type="primary" icon={<SendOutlined />} {...btn('submit')} onClick={on.submit}>
          {submitLabel(article, levels)}
        </Button>
      )}
      {reviewOpen && can?.withdraw && (
        <Button icon={<RollbackOutlined />} {...btn('withdraw')} onClick={on.withdraw}>
          撤回
        </Button>
      )}
      {can?.emergency && (
        <Button danger icon={<ThunderboltOutlined />} {...btn('emergency')} onClick={on.emergency}>
          紧急发布
        </Button>
      )}
      {canSchedule && (
        <Button icon={<ClockCircleOutlined />} {...btn('schedule')} onClick={on.schedule}>
          定时发布/下线
        </Button>
      )}
      {can?.unpublish && (
        <Button icon={<StopOutlined />} {...btn('unpublish')} onClick={on.unpublish}>
          撤销发布
        </Button>
      )}
      {can?.delete && (
        <Button danger icon={<DeleteOutlined />} {...btn('delete')} onClick={on.remove}>
          删除
        </Button>
      )}
      {extra}
    </Space>
  )
}
