import { PlusOutlined } from '@ant-design/icons'
import type { TableColumnsType } from 'antd'
import {
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { formErrors } from '../../api'
import { siteTree } from '../../shell/AppLayout'
import { LoadError } from '../../shell/LoadError'
import { useSession } from '../../shell/session'
import { recordsApi, type RecordsSetView, type SetForm } from './records-api'
import { RecordVersionsDrawer } from './RecordVersionsDrawer'

const KINDS = [
  { value: 'pension', label: '养老金' },
  { value: 'medical', label: '医保' },
  { value: 'housing_fund', label: '住房公积金' },
]
const FACTORS = [
  { value: 'password', label: '查询密码' },
  { value: 'mobile', label: '预留手机号后几位' },
]

/** 个人查询 (cluster admins and the responsible units' site admins): sets and their data. */
export default function RecordsPage() {
  const { message } = App.useApp()
  const { session, sites } = useSession()
  const [sets, setSets] = useState<RecordsSetView[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const [editing, setEditing] = useState<RecordsSetView | 'new' | null>(null)
  const [versionsOf, setVersionsOf] = useState<RecordsSetView | null>(null)
  const isAdmin =
    session?.isClusterAdmin === true || (session?.grants ?? []).some((g) => g.role === 'admin')
  const adminSites = useMemo(
    () =>
      session?.isClusterAdmin
        ? sites
        : sites.filter((s) => session?.grants.some((g) => g.siteId === s.id && g.role === 'admin')),
    [session, sites],
  )
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites])

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setSets((await recordsApi.sets()).data)
    } catch (e) {
      setError(formErrors(e).message)
    } finally {
      setLoading(false)
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  if (!isAdmin)
    return <Result status="403" title="只有平台管理员和责任单位的站点管理员可以管理个人查询" />

  const toggle = async (s: RecordsSetView, isEnabled: boolean) => {
    try {
      await recordsApi.update(s.id, { isEnabled })
      message.success(isEnabled ? '已启用' : '已停用')
      await load()
    } catch (e) {
      message.error(formErrors(e).message)
    }
  }

  const columns: TableColumnsType<RecordsSetView> = [
    { title: '名称', dataIndex: 'name' },
    { title: '代码', dataIndex: 'code', width: 130 },
    { title: '类型', dataIndex: 'kindLabel', width: 100 },
    {
      title: '责任单位',
      key: 'unit',
      render: (_: unknown, s) => s.unitName || (s.siteId ? siteName.get(s.siteId) : '') || '—',
    },
    { title: '第二验证', dataIndex: 'secondFactorLabel', width: 150 },
    {
      title: '数据',
      key: 'data',
      width: 90,
      render: (_: unknown, s) =>
        s.currentVersionId ? <Tag color="#237804">已上传</Tag> : <Tag color="#ad4e00">未上传</Tag>,
    },
    {
      title: '启用',
      key: 'enabled',
      width: 80,
      render: (_: unknown, s) => (
        <Switch
          size="small"
          checked={s.isEnabled}
          aria-label={`启用${s.name}`}
          onChange={(v) => void toggle(s, v)}
        />
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, s) => (
        <Space>
          <Button
            type="link"
            size="small"
            onClick={() => setVersionsOf(s)}
            aria-label={`${s.name}的数据版本`}
          >
            数据版本
          </Button>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing(s)}
            aria-label={`编辑${s.name}`}
          >
            编辑
          </Button>
        </Space>
      ),
    },
  ]

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          个人查询
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建查询项目
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        公众凭身份证号、姓名和第二验证查询本人的养老金、医保和住房公积金记录。上传的新版本经全部检查后整体替换当前版本，可随时恢复早先版本。系统只保存身份证号的密钥哈希。
      </Typography.Paragraph>
      {error ? (
        <LoadError error={error} onRetry={() => void load()} />
      ) : (
        <Table
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={sets}
          pagination={false}
        />
      )}
      {editing && (
        <SetModal
          set={editing === 'new' ? null : editing}
          tree={siteTree(adminSites)}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null)
            await load()
          }}
        />
      )}
      {versionsOf && (
        <RecordVersionsDrawer
          set={versionsOf}
          onClose={() => setVersionsOf(null)}
          onChanged={() => void load()}
        />
      )}
    </Space>
  )
}

function SetModal({
  set,
  tree,
  onClose,
  onSaved,
}: {
  set: RecordsSetView | null
  tree: ReturnType<typeof siteTree>
  onClose: () => void
  onSaved: () => Promise<void>
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<SetForm>()
  const [saving, setSaving] = useState(false)
  const factor = Form.useWatch('secondFactor', form)

  const save = async () => {
    const values = await form.validateFields()
    setSaving(true)
    try {
      if (set) {
        const { code: _code, kind: _kind, ...patch } = values
        await recordsApi.update(set.id, patch)
      } else {
        await recordsApi.create({ ...values, siteId: values.siteId ?? null })
      }
      message.success('已保存')
      await onSaved()
    } catch (e) {
      const { message: m, fields } = formErrors(e)
      form.setFields(fields)
      message.error(m)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={set ? `编辑：${set.name}` : '新建查询项目'}
      okText="保存"
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        name="records-set"
        initialValues={
          set ?? { kind: 'pension', secondFactor: 'password', mobileDigits: 4, siteId: null }
        }
      >
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} placeholder="如：养老保险缴费查询" />
        </Form.Item>
        <Form.Item
          name="code"
          label="代码（用于网址，创建后不能修改）"
          rules={[
            {
              required: true,
              pattern: /^[a-z][a-z0-9-]{1,63}$/,
              message: '小写字母开头，只含小写字母、数字和连字符',
            },
          ]}
        >
          <Input disabled={set !== null} placeholder="如：yanglaojin" />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={KINDS} disabled={set !== null} />
        </Form.Item>
        <Form.Item name="siteId" label="责任单位站点（其站点管理员可上传数据）">
          <TreeSelect
            treeData={tree}
            allowClear
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
          />
        </Form.Item>
        <Form.Item name="unitName" label="责任单位名称（公众页面显示）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="secondFactor" label="第二验证方式" rules={[{ required: true }]}>
          <Select options={FACTORS} />
        </Form.Item>
        {factor === 'mobile' && (
          <Form.Item name="mobileDigits" label="手机号后几位">
            <InputNumber min={4} max={6} />
          </Form.Item>
        )}
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
