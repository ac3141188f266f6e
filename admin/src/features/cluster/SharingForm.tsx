import { Alert, App, Button, Form, Radio, Select, Skeleton, Space, Switch, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { ACCEPT_MODE_LABELS, ACCEPT_MODES, type AcceptMode } from '../../../../common/cluster'
import { formatDateTime } from '../../../../common/time'
import { ApiError, formErrors } from '../../api'
import { loadColumns, type AdminColumn } from '../articles/article-api'
import { clusterApi, type SharingPolicy } from './cluster-api'
import { toSharingBody, type SharingBody } from './sharing-form'
import { useClusterSites } from './useClusterSites'

const MODE_OPTIONS = ACCEPT_MODES.map((m) => ({ value: m, label: ACCEPT_MODE_LABELS[m] }))

/**
 * 共享设置 of one site: whether (and from whom) it takes 信息报送 and into which columns, whether
 * it takes pushes and whether they wait for its review. Field errors from the server show in place.
 * Key it by site id: its form instance holds one site's values.
 */
export function SharingForm({ siteId, onSaved }: { siteId: number; onSaved?: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<SharingBody>()
  const sites = useClusterSites()
  const [columns, setColumns] = useState<AdminColumn[]>([])
  const [policy, setPolicy] = useState<SharingPolicy | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const submissions = Form.useWatch('submissions', form) as AcceptMode | undefined
  const pushes = Form.useWatch('pushes', form) as AcceptMode | undefined

  useEffect(() => {
    let live = true
    setPolicy(null)
    setError(null)
    Promise.all([clusterApi.sharing(siteId), loadColumns(siteId).catch(() => [])])
      .then(([p, cols]) => {
        if (!live) return
        setColumns(cols)
        setPolicy(p)
      })
      .catch(
        (e: unknown) => live && setError(e instanceof ApiError ? e.message : '共享设置加载失败'),
      )
    return () => {
      live = false
    }
  }, [siteId])

  const siteOptions = useMemo(
    () => sites.filter((s) => s.id !== siteId).map((s) => ({ value: s.id, label: s.name })),
    [sites, siteId],
  )
  const columnOptions = useMemo(
    () =>
      columns
        .filter((c) => c.type === 'list')
        .map((c) => ({ value: c.id, label: `${c.name}（/${c.path}）` })),
    [columns],
  )

  const save = async () => {
    if (!policy) return
    setSaving(true)
    // Hidden fields (e.g. 推送需本站审核 while pushes are off) keep their values: send them too.
    const v = { ...policy, ...(form.getFieldsValue(true) as Partial<SharingBody>) }
    try {
      const saved = await clusterApi.saveSharing(siteId, toSharingBody(siteId, v))
      setPolicy(saved)
      form.setFieldsValue(saved)
      message.success('共享设置已保存')
      onSaved?.()
    } catch (e) {
      const { message: msg, fields } = formErrors(e)
      form.setFields(fields as never)
      message.error(msg)
    } finally {
      setSaving(false)
    }
  }

  if (error) return <Alert type="error" showIcon title={error} />
  if (!policy) return <Skeleton active />

  const sourcesField = (name: 'submissionSources' | 'pushSources', label: string) => (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个站点' }]}
    >
      <Select
        mode="multiple"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        options={siteOptions}
        placeholder="选择站点"
      />
    </Form.Item>
  )

  return (
    <Form<SharingBody>
      form={form}
      layout="vertical"
      name={`sharing-${siteId}`}
      initialValues={policy}
      onFinish={save}
    >
      <Typography.Title level={5}>信息报送</Typography.Title>
      <Form.Item name="submissions" label="接收信息报送">
        <Radio.Group options={MODE_OPTIONS} />
      </Form.Item>
      {submissions === 'listed' && sourcesField('submissionSources', '允许报送的站点')}
      {submissions !== 'none' && (
        <Form.Item
          name="submissionColumns"
          label="接收报送的栏目"
          extra="不选则本站全部文章列表栏目都可接收报送"
        >
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={columnOptions}
            placeholder="全部栏目"
          />
        </Form.Item>
      )}
      <Typography.Title level={5}>一稿多发</Typography.Title>
      <Form.Item name="pushes" label="接收推送">
        <Radio.Group options={MODE_OPTIONS} />
      </Form.Item>
      {pushes === 'listed' && sourcesField('pushSources', '允许推送的站点')}
      {pushes !== 'none' && (
        <Form.Item
          name="pushReview"
          label="推送需本站审核"
          valuePropName="checked"
          extra="开启后，推送来的信息须本站编辑在“推送接收”中接收后才显示"
        >
          <Switch checkedChildren="需审核" unCheckedChildren="直接显示" />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
        {policy.updatedAt ? (
          <Typography.Text type="secondary">
            最近修改：{formatDateTime(policy.updatedAt)}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">尚未设置，当前为默认规则</Typography.Text>
        )}
      </Space>
    </Form>
  )
}
