import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Checkbox,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Spin,
  TreeSelect,
  Typography,
  Upload,
} from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { formErrors } from '../../api'
import { siteTree } from '../../shell/AppLayout'
import { useSession } from '../../shell/session'
import { serviceApi, toInput, type ServiceInput } from './service-api'
import { audienceOptions, kindOptions, themeOptions } from './service-options'

const TEXT = { autoSize: { minRows: 2, maxRows: 8 } }

/** The editor of one item: every element, fees, time limits, materials with forms, FAQ. */
export function ServiceEditor({
  id,
  onClose,
  onSaved,
}: {
  id: number | null
  onClose: () => void
  onSaved: () => void
}) {
  const { message } = App.useApp()
  const { sites, site, session } = useSession()
  const [form] = Form.useForm<ServiceInput>()
  const [loading, setLoading] = useState(id !== null)
  const [saving, setSaving] = useState(false)
  const [fileNames, setFileNames] = useState<Record<number, string>>({})
  const writable = useMemo(
    () =>
      session?.isClusterAdmin
        ? sites
        : sites.filter((s) =>
            session?.grants.some(
              (g) => g.siteId === s.id && (g.role === 'admin' || g.role === 'editor'),
            ),
          ),
    [session, sites],
  )
  const tree = useMemo(() => siteTree(writable), [writable])
  const feeFree = Form.useWatch('feeFree', form)

  useEffect(() => {
    if (id === null) {
      form.setFieldsValue({
        unitSiteId: writable.some((s) => s.id === site?.id) ? site?.id : writable[0]?.id,
        kind: 'public_service',
        audience: 'person',
        enabled: true,
        feeFree: true,
        materials: [],
        faq: [],
      })
      return
    }
    void serviceApi
      .get(id)
      .then((d) => {
        const names: Record<number, string> = {}
        for (const m of d.materials) {
          if (m.template?.fileId) names[m.template.fileId] = m.template.fileName
          if (m.sample?.fileId) names[m.sample.fileId] = m.sample.fileName
        }
        setFileNames(names)
        form.setFieldsValue(toInput(d))
      })
      .catch(() => message.error('事项加载失败'))
      .finally(() => setLoading(false))
  }, [id, form, message, site, writable])

  const save = async () => {
    const values = await form.validateFields()
    setSaving(true)
    try {
      if (id === null) await serviceApi.create(values)
      else await serviceApi.update(id, values)
      message.success('已保存')
      onSaved()
    } catch (e) {
      const { message: m, fields } = formErrors(e)
      form.setFields(fields)
      message.error(m)
    } finally {
      setSaving(false)
    }
  }

  const upload = (index: number, key: `${'template' | 'sample'}FileId`) => async (file: File) => {
    const unitSiteId = form.getFieldValue('unitSiteId') as number | undefined
    if (!unitSiteId) {
      message.error('请先选择实施主体')
      return false
    }
    try {
      const f = await serviceApi.uploadFile(unitSiteId, file)
      setFileNames((n) => ({ ...n, [f.id]: f.name }))
      form.setFieldValue(['materials', index, key], f.id)
    } catch (e) {
      message.error(formErrors(e).message)
    }
    return false
  }

  const formSlot = (name: number, role: 'template' | 'sample', label: string) => (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Form.Item noStyle shouldUpdate>
        {() => {
          const fileId = form.getFieldValue(['materials', name, `${role}FileId`]) as number | null
          return fileId ? (
            <Space>
              <Typography.Text>{fileNames[fileId] ?? `文件 #${fileId}`}</Typography.Text>
              <Button
                size="small"
                onClick={() => form.setFieldValue(['materials', name, `${role}FileId`], null)}
              >
                移除
              </Button>
            </Space>
          ) : (
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name={[name, `${role}Url`]} noStyle>
                <Input placeholder="https://… 或上传文件" aria-label={`${label}链接`} />
              </Form.Item>
              <Upload showUploadList={false} beforeUpload={upload(name, `${role}FileId`)}>
                <Button icon={<UploadOutlined />}>上传</Button>
              </Upload>
            </Space.Compact>
          )
        }}
      </Form.Item>
      <Form.Item name={[name, `${role}FileId`]} hidden>
        <Input />
      </Form.Item>
    </Form.Item>
  )

  return (
    <Drawer
      open
      title={id === null ? '新建办事事项' : '编辑办事事项'}
      size="large"
      width={820}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        </Space>
      }
    >
      {loading ? (
        <Spin />
      ) : (
        <Form form={form} layout="vertical" name="service-editor">
          <Form.Item
            name="name"
            label="事项名称"
            rules={[{ required: true, message: '请填写事项名称' }]}
          >
            <Input maxLength={300} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="code" label="事项编码" extra="留空自动生成">
              <Input maxLength={64} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="unitSiteId"
              label="实施主体"
              rules={[{ required: true, message: '请选择实施主体' }]}
            >
              <TreeSelect
                treeData={tree}
                showSearch
                treeNodeFilterProp="title"
                style={{ width: 260 }}
              />
            </Form.Item>
            <Form.Item name="kind" label="事项类型">
              <Select options={kindOptions} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="audience" label="服务对象">
              <Select options={audienceOptions} style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Form.Item name="themes" label="主题（国家政务服务平台主题分类）">
            <Select mode="multiple" options={themeOptions} optionFilterProp="label" />
          </Form.Item>
          <Typography.Title level={5}>八要素</Typography.Title>
          <Form.Item name="basis" label="设定依据">
            <Input.TextArea {...TEXT} />
          </Form.Item>
          <Form.Item name="conditions" label="申请条件">
            <Input.TextArea {...TEXT} />
          </Form.Item>
          <Form.Item name="location" label="办理地点">
            <Input.TextArea {...TEXT} />
          </Form.Item>
          <Form.Item name="hours" label="办理时间">
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="process" label="办理流程" extra="每行一个步骤">
            <Input.TextArea {...TEXT} />
          </Form.Item>
          <Typography.Title level={5}>办理材料（含空白表格和示例样表）</Typography.Title>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <div
                    key={key}
                    style={{ border: '1px solid #e1e1e1', padding: 12, marginBottom: 12 }}
                  >
                    <Space align="start" wrap>
                      <Form.Item
                        name={[name, 'name']}
                        label="材料名称"
                        rules={[{ required: true, message: '请填写材料名称' }]}
                      >
                        <Input style={{ width: 300 }} />
                      </Form.Item>
                      <Form.Item name={[name, 'copies']} label="份数及形式">
                        <Input style={{ width: 180 }} />
                      </Form.Item>
                      <Form.Item
                        name={[name, 'required']}
                        label="必需"
                        valuePropName="checked"
                        initialValue
                      >
                        <Checkbox />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label="删除该材料"
                        onClick={() => remove(name)}
                      />
                    </Space>
                    {formSlot(name, 'template', '空白表格')}
                    {formSlot(name, 'sample', '示例样表')}
                  </div>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ required: true })}>
                  添加材料
                </Button>
              </>
            )}
          </Form.List>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            收费与时限
          </Typography.Title>
          <Form.Item name="feeFree" valuePropName="checked">
            <Checkbox>不收费</Checkbox>
          </Form.Item>
          {!feeFree && (
            <>
              <Form.Item name="feeStandard" label="收费标准">
                <Input.TextArea {...TEXT} />
              </Form.Item>
              <Form.Item name="feeBasis" label="收费依据">
                <Input.TextArea {...TEXT} />
              </Form.Item>
            </>
          )}
          <Space wrap>
            <Form.Item name="legalLimit" label="法定办结时限">
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="promisedLimit" label="承诺办结时限">
              <Input style={{ width: 220 }} />
            </Form.Item>
          </Space>
          <Form.Item name="onlineUrl" label="在线办理链接">
            <Input placeholder="https://" />
          </Form.Item>
          <Typography.Title level={5}>常见问题</Typography.Title>
          <Form.List name="faq">
            {(fields, { add, remove }) => (
              <>
                {fields.map(({ key, name }) => (
                  <Space key={key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[name, 'question']} label="问题">
                      <Input style={{ width: 280 }} />
                    </Form.Item>
                    <Form.Item name={[name, 'answer']} label="解答">
                      <Input.TextArea style={{ width: 360 }} autoSize />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<MinusCircleOutlined />}
                      aria-label="删除该问题"
                      onClick={() => remove(name)}
                    />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add()}>
                  添加常见问题
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="enabled" valuePropName="checked" style={{ marginTop: 16 }}>
            <Checkbox>在网站上公开</Checkbox>
          </Form.Item>
        </Form>
      )}
    </Drawer>
  )
}
