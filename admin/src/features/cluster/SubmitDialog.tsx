import { Form, Input, List, Modal, Result, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { clusterApi, type Submission } from './cluster-api'
import { SubmissionStatusTag } from './ClusterTags'
import { chosenColumnIds, describeTargets } from './target-tree'
import { TargetPicker, targetFormErrors } from './TargetPicker'
import { useTargets } from './useTargets'

interface Values {
  targets: (string | number)[]
  note: string
}

/**
 * 报送: send a saved article to columns of sites that take submissions from its site (the
 * portal by default), with a note; shows the submissions created and their status.
 */
export function SubmitDialog({
  article,
  open,
  onClose,
}: {
  article: { id: number; siteId: number; title: string }
  open: boolean
  onClose: () => void
}) {
  const [form] = Form.useForm<Values>()
  const { targets, loading, error } = useTargets('submissions', article.siteId, open)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [created, setCreated] = useState<Submission[] | null>(null)
  const chosen = chosenColumnIds(Form.useWatch('targets', form) ?? [])

  useEffect(() => {
    if (!open) return
    setCreated(null)
    setFailure(null)
    form.resetFields()
  }, [open, form])

  const ok = async () => {
    if (created) return onClose()
    let v: Values
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      setCreated(
        await clusterApi.submit({
          articleId: article.id,
          targetColumnIds: chosenColumnIds(v.targets),
          note: (v.note ?? '').trim(),
        }),
      )
    } catch (e) {
      const { message, fields } = targetFormErrors(e, 'targetColumnIds')
      setFailure(message)
      form.setFields(fields)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={open}
      title={`报送：${article.title}`}
      okText={created ? '完成' : '报送'}
      okButtonProps={{ loading: busy }}
      cancelText="关闭"
      cancelButtonProps={created ? { style: { display: 'none' } } : undefined}
      onOk={() => void ok()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      {created && (
        <Result
          status="success"
          title={`已报送 ${created.length} 条`}
          subTitle="对方处理后您会收到通知，也可在“报送信息”中查看处理结果。"
          extra={
            <List
              size="small"
              dataSource={created}
              renderItem={(s) => (
                <List.Item>
                  <span>
                    {s.targetSiteName} · {s.targetColumnName}
                  </span>
                  <SubmissionStatusTag status={s.status} />
                </List.Item>
              )}
            />
          }
        />
      )}
      {/* Hidden, not unmounted, so the form instance stays connected for the next round. */}
      <div hidden={created !== null}>
        <Form<Values> form={form} layout="vertical" name="submit-article">
          <TargetPicker
            targets={targets}
            siteId={article.siteId}
            loading={loading}
            error={error}
            failure={failure}
            empty={{
              title: '目前没有接收本站报送的站点',
              description: '请联系门户网站管理员在“共享设置”中开放接收报送。',
            }}
            label="报送至栏目"
            extra="可选择多个站点的多个栏目；勾选站点即选择该站点所有可报送的栏目"
            placeholder="选择接收报送的栏目"
            limit={{ max: 10, message: '一次最多报送到 10 个栏目' }}
          />
          {chosen.length > 0 && (
            <Typography.Paragraph type="secondary">
              将报送到：{describeTargets(targets, chosen).join('；')}
            </Typography.Paragraph>
          )}
          <Form.Item name="note" label="报送说明" rules={[{ max: 500 }]}>
            <Input.TextArea
              rows={3}
              placeholder="可选，如：请采用到要闻栏目"
              showCount
              maxLength={500}
            />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}
