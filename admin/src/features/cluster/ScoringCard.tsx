import { App, Button, Card, Form, InputNumber, Skeleton, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { DEFAULT_SUBMISSION_SCORING } from '../../../../common/cluster'
import { formErrors } from '../../api'
import { clusterApi, type SubmissionScoring } from './cluster-api'

const FIELDS: { name: keyof SubmissionScoring; label: string; extra: string }[] = [
  { name: 'perSubmitted', label: '每报送 1 条', extra: '无论是否采用' },
  { name: 'perAdopted', label: '每采用 1 条', extra: '被任一站点采用' },
  { name: 'perAdoptedHome', label: '首页采用加分', extra: '采用到门户首页栏目的，另加' },
]

/** 计分规则 (cluster admins): the points of the 信息报送考核 score; changes apply to every period. */
export function ScoringCard({ onSaved }: { onSaved: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<SubmissionScoring>()
  const [loading, setLoading] = useState(true)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    clusterApi
      .scoring()
      .then((s) => live && form.setFieldsValue(s))
      .catch(() => {
        if (!live) return
        form.setFieldsValue(DEFAULT_SUBMISSION_SCORING)
        message.warning('计分规则加载失败，显示的是默认规则')
      })
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [form, message])

  const save = async (v: SubmissionScoring) => {
    setSaving(true)
    try {
      form.setFieldsValue(await clusterApi.saveScoring(v))
      message.success('计分规则已保存')
      onSaved()
    } catch (e) {
      const { message: msg, fields } = formErrors(e)
      form.setFields(fields as never)
      message.error(msg)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title="计分规则">
      {loading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Form<SubmissionScoring>
          form={form}
          layout="inline"
          name="submission-scoring"
          onFinish={save}
        >
          {FIELDS.map((f) => (
            <Form.Item
              key={f.name}
              name={f.name}
              label={f.label}
              tooltip={f.extra}
              rules={[{ required: true, message: '请填写分值' }]}
            >
              <InputNumber min={0} max={100} step={0.5} precision={2} suffix="分" />
            </Form.Item>
          ))}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                保存
              </Button>
              <Typography.Text type="secondary">
                得分 = 报送数 × 报送分 + 采用数 × 采用分 + 首页采用数 × 首页加分
              </Typography.Text>
            </Space>
          </Form.Item>
        </Form>
      )}
    </Card>
  )
}
