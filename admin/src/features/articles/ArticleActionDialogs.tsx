import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { UnpublishKind } from './article-api'

/** A modal form whose OK runs `onSubmit` with the validated values, showing a spinner. */
function useSubmit<T>(onSubmit: (v: T) => Promise<void>) {
  const [form] = Form.useForm<T>()
  const [busy, setBusy] = useState(false)
  const ok = async () => {
    let v: T
    try {
      v = await form.validateFields()
    } catch {
      return // the form shows what is missing
    }
    setBusy(true)
    try {
      await onSubmit(v)
    } finally {
      setBusy(false)
    }
  }
  return { form, busy, ok }
}

/** 紧急发布: publish now without review (site admins), with the reason on record. */
export function EmergencyPublishModal({
  open,
  onCancel,
  onSubmit,
}: {
  open: boolean
  onCancel: () => void
  onSubmit: (reason: string) => Promise<void>
}) {
  const { form, busy, ok } = useSubmit<{ reason: string }>((v) => onSubmit(v.reason.trim()))
  return (
    <Modal
      open={open}
      title="紧急发布"
      okText="立即发布"
      okButtonProps={{ danger: true, loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>
        紧急发布会跳过审核立即上线，信息标记为“未审先发”，仍须按流程完成补审；发布原因记入操作日志并通知审核人。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="emergency-publish" preserve={false}>
        <Form.Item
          name="reason"
          label="紧急发布原因"
          rules={[{ required: true, whitespace: true, message: '请填写紧急发布原因' }]}
        >
          <Input.TextArea autoFocus rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

interface ScheduleValues {
  publishAt: Dayjs | null
  unpublishAt: Dayjs | null
}

/** 定时发布/定时下线: when to go live (after approval) and when to come down. */
export function ScheduleModal({
  open,
  publishAt,
  unpublishAt,
  canPlanPublish,
  onCancel,
  onSubmit,
}: {
  open: boolean
  /** False once published: only the take-down can still be planned. */
  canPlanPublish: boolean
  publishAt: string | null
  unpublishAt: string | null
  onCancel: () => void
  onSubmit: (v: { publishAt: string | null; unpublishAt: string | null }) => Promise<void>
}) {
  const { form, busy, ok } = useSubmit<ScheduleValues>((v) =>
    onSubmit({
      publishAt: v.publishAt ? v.publishAt.toISOString() : null,
      unpublishAt: v.unpublishAt ? v.unpublishAt.toISOString() : null,
    }),
  )
  const past = (d: Dayjs) => d.isBefore(dayjs().startOf('day'))
  return (
    <Modal
      open={open}
      title="定时发布 / 定时下线"
      okText="保存定时"
      okButtonProps={{ loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        name="article-schedule"
        preserve={false}
        initialValues={{
          publishAt: publishAt ? dayjs(publishAt) : null,
          unpublishAt: unpublishAt ? dayjs(unpublishAt) : null,
        }}
      >
        <Form.Item
          name="publishAt"
          label="定时发布时间"
          extra={
            canPlanPublish
              ? '审核通过后到此时间自动发布；留空则审核通过即发布'
              : '信息已发布，只能设置定时下线'
          }
          rules={[
            {
              validator: (_, v: Dayjs | null) =>
                !v || v.isAfter(dayjs())
                  ? Promise.resolve()
                  : Promise.reject(new Error('定时发布时间须晚于现在')),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={past}
            disabled={!canPlanPublish}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="unpublishAt"
          label="定时下线时间"
          extra="到此时间自动撤销发布（如活动通知到期）；留空则不自动下线"
          dependencies={['publishAt']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | null) => {
                const from = getFieldValue('publishAt') as Dayjs | null
                if (!v) return Promise.resolve()
                if (!v.isAfter(dayjs())) return Promise.reject(new Error('定时下线时间须晚于现在'))
                if (from && !v.isAfter(from))
                  return Promise.reject(new Error('定时下线时间须晚于定时发布时间'))
                return Promise.resolve()
              },
            }),
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={past}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

type Kind = Exclude<UnpublishKind, ''>
export interface UnpublishValues {
  kind: Kind
  reason?: string
  redirectUrl?: string
}

const KIND_HELP: Record<Kind, string> = {
  withdrawn: '公众访问原网址时显示“该信息已撤销”及撤销原因',
  redirect: '原网址永久跳转到新地址（如信息已更新到新网址）',
  removed: '原网址显示“该信息已撤销”，不显示原因',
}

/** 撤销发布: withdrawn (reason shown), redirect (301 to a new address) or removed. */
export function UnpublishModal({
  open,
  onCancel,
  onSubmit,
}: {
  open: boolean
  onCancel: () => void
  onSubmit: (v: UnpublishValues) => Promise<void>
}) {
  const { form, busy, ok } = useSubmit<UnpublishValues>((v) =>
    onSubmit({
      kind: v.kind,
      ...(v.kind === 'withdrawn' ? { reason: (v.reason ?? '').trim() } : {}),
      ...(v.kind === 'redirect' ? { redirectUrl: (v.redirectUrl ?? '').trim() } : {}),
    }),
  )
  const kind = (Form.useWatch('kind', form) as Kind | undefined) ?? 'withdrawn'
  return (
    <Modal
      open={open}
      title="撤销发布"
      okText="撤销发布"
      okButtonProps={{ danger: true, loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<UnpublishValues>
        form={form}
        layout="vertical"
        name="article-unpublish"
        preserve={false}
        initialValues={{ kind: 'withdrawn' }}
      >
        <Form.Item name="kind" label="撤销方式" extra={KIND_HELP[kind]}>
          <Radio.Group
            options={[
              { value: 'withdrawn', label: '撤销并说明原因' },
              { value: 'redirect', label: '跳转到新地址' },
              { value: 'removed', label: '彻底下线' },
            ]}
          />
        </Form.Item>
        {kind === 'withdrawn' && (
          <Form.Item
            name="reason"
            label="撤销原因（向公众显示）"
            rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如 该通知已废止" />
          </Form.Item>
        )}
        {kind === 'redirect' && (
          <Form.Item
            name="redirectUrl"
            label="新地址"
            extra="完整网址，或本站路径（以 / 开头）"
            rules={[
              { required: true, whitespace: true, message: '请填写跳转地址' },
              {
                pattern: /^(https?:\/\/|\/)\S*$/,
                message: '请填写以 http://、https:// 或 / 开头的地址',
              },
            ]}
          >
            <Input maxLength={1000} placeholder="https://" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}
