import { Alert, Form, Input, Modal, Radio, TreeSelect } from 'antd'
import { useEffect, useState } from 'react'
import { LIMITS } from '../../../../common/limits'
import { formErrors } from '../../api'
import { columnTree, loadColumns, type ColumnNode } from '../articles/article-api'
import type { AdoptInput, AdoptMode, SubmissionDetail } from './cluster-api'

const MODE_LABELS: Record<AdoptMode, string> = {
  publish: '采用并发布（按本站审核流程）',
  draft: '采用为草稿（编辑后再发布）',
}

/**
 * 采用: the target column (of the receiving site), title, summary and source (the submitting
 * unit by default), and whether the copy goes through this site's review now or stays a draft.
 */
export function AdoptModal({
  submission,
  onCancel,
  onAdopt,
}: {
  submission: SubmissionDetail | null
  onCancel: () => void
  /** Throws the server's error, which the form shows. */
  onAdopt: (input: AdoptInput) => Promise<void>
}) {
  const [form] = Form.useForm<AdoptInput>()
  const [tree, setTree] = useState<ColumnNode[]>([])
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const siteId = submission?.targetSiteId

  useEffect(() => {
    if (!siteId) return
    let live = true
    setLoadError(null)
    loadColumns(siteId)
      .then((cols) => live && setTree(columnTree(cols)))
      .catch(() => live && setLoadError('本站栏目加载失败，请关闭后重试'))
    return () => {
      live = false
    }
  }, [siteId])

  useEffect(() => {
    if (!submission) return
    form.setFieldsValue({
      columnId: submission.targetColumnId ?? undefined,
      title: submission.article?.title || submission.title,
      summary: submission.article?.summary ?? '',
      source: submission.sourceSiteName,
      mode: 'publish',
    })
  }, [submission, form])

  const ok = async () => {
    let v: AdoptInput
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    try {
      await onAdopt({ ...v, title: v.title.trim(), summary: (v.summary ?? '').trim() })
    } catch (e) {
      form.setFields(formErrors(e).fields as never)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open={submission !== null}
      title="采用报送信息"
      okText="采用"
      okButtonProps={{ loading: busy }}
      cancelText="取消"
      onOk={() => void ok()}
      onCancel={onCancel}
      width={640}
      forceRender
    >
      {loadError && <Alert type="error" showIcon title={loadError} style={{ marginBottom: 12 }} />}
      <Form<AdoptInput> form={form} layout="vertical" name="submission-adopt">
        <Form.Item
          name="columnId"
          label="采用到栏目"
          rules={[{ required: true, message: '请选择采用到的栏目' }]}
        >
          <TreeSelect
            treeData={tree}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            placeholder="选择本站栏目"
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[
            { required: true, whitespace: true, message: '请填写标题' },
            { max: LIMITS.titleMax, message: `标题不能超过 ${LIMITS.titleMax} 字` },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="summary" label="摘要" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="source"
          label="来源"
          extra="默认为报送单位，发布后显示在信息的“来源”处"
          rules={[{ required: true, whitespace: true, message: '请填写来源' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="mode" label="采用方式" rules={[{ required: true }]}>
          <Radio.Group
            options={(Object.keys(MODE_LABELS) as AdoptMode[]).map((m) => ({
              value: m,
              label: MODE_LABELS[m],
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
