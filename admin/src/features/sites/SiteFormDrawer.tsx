import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import {
  App,
  AutoComplete,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
} from 'antd'
import { useState } from 'react'
import { SITE_KIND_LABELS, SITE_KINDS, type SiteKind } from '../../../../common/enums'
import { api, formErrors } from '../../api'
import type { Responsible, SiteDetail } from './site-types'

interface Values {
  code: string
  kind: SiteKind
  parentCode?: string
  name: string
  shortName?: string
  basePath?: string
  hosts?: string[]
  grouping?: string
  isDefault?: boolean
  siteIdCode?: string
  sponsor?: string
  organizer?: string
  icp?: string
  psb?: string
  contact?: { phone?: string; email?: string; address?: string }
  responsible?: Responsible[]
  description?: string
  keywords?: string
  theme?: string
  sort?: number
}

/** Server field paths (`responsible.0.name`) as AntD name paths (list indexes are numbers). */
function namePath(name: string[]): (string | number)[] {
  return name.map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

function initialValues(site: SiteDetail | null, sites: SiteDetail[]): Values {
  if (!site) {
    return {
      code: '',
      kind: 'channel',
      name: '',
      hosts: [],
      theme: 'default',
      sort: 0,
      responsible: [],
    }
  }
  return {
    code: site.code,
    kind: site.kind,
    parentCode: sites.find((s) => s.id === site.parentId)?.code,
    name: site.name,
    shortName: site.shortName,
    basePath: site.basePath,
    hosts: site.hosts,
    grouping: site.grouping,
    isDefault: site.isDefault,
    siteIdCode: site.siteIdCode,
    sponsor: site.sponsor,
    organizer: site.organizer,
    icp: site.icp,
    psb: site.psb,
    contact: site.contact,
    responsible: site.responsible,
    description: site.description,
    keywords: site.keywords,
    theme: site.theme,
    sort: site.sort,
  }
}

/** Create or edit a site with every field: identity, bindings, footer facts, 专人负责. */
export function SiteFormDrawer({
  site,
  sites,
  onClose,
  onSaved,
}: {
  site: SiteDetail | null
  sites: SiteDetail[]
  onClose: () => void
  onSaved: () => Promise<void>
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const kind = Form.useWatch('kind', form) ?? site?.kind ?? 'channel'
  const isNew = site === null
  const portals = sites.filter((s) => s.kind === 'portal')
  const groupings = [...new Set(['部门', '乡镇', ...sites.map((s) => s.grouping).filter(Boolean)])]

  const submit = async (v: Values) => {
    setSaving(true)
    const fields = {
      name: v.name.trim(),
      shortName: v.shortName?.trim() ?? '',
      hosts: v.hosts ?? [],
      grouping: v.grouping?.trim() ?? '',
      isDefault: Boolean(v.isDefault),
      siteIdCode: v.siteIdCode?.trim() ?? '',
      sponsor: v.sponsor?.trim() ?? '',
      organizer: v.organizer?.trim() ?? '',
      icp: v.icp?.trim() ?? '',
      psb: v.psb?.trim() ?? '',
      contact: {
        phone: v.contact?.phone?.trim() ?? '',
        email: v.contact?.email?.trim() ?? '',
        address: v.contact?.address?.trim() ?? '',
      },
      responsible: (v.responsible ?? []).map((r) => ({
        name: r.name?.trim() ?? '',
        role: r.role?.trim() ?? '',
        phone: r.phone?.trim() ?? '',
        email: r.email?.trim() ?? '',
      })),
      description: v.description ?? '',
      keywords: v.keywords ?? '',
      theme: v.theme?.trim() || 'default',
      sort: v.sort ?? 0,
      ...(v.kind === 'channel' ? { basePath: v.basePath?.trim() ?? '' } : {}),
    }
    try {
      if (isNew) {
        await api.post('/sites', {
          code: v.code.trim(),
          kind: v.kind,
          ...(v.kind === 'channel' ? { parentCode: v.parentCode } : {}),
          ...fields,
        })
        message.success(`已新建站点“${fields.name}”`)
      } else {
        await api.patch(`/sites/${site.id}`, fields)
        message.success(`已保存“${fields.name}”`)
      }
      await onSaved()
    } catch (e) {
      const r = formErrors(e)
      form.setFields(
        r.fields.map((f) => ({ name: namePath(f.name), errors: f.errors })) as Parameters<
          typeof form.setFields
        >[0],
      )
      message.error(r.message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Drawer
      open
      width={760}
      title={isNew ? '新建站点' : `编辑站点：${site.name}`}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        name="site"
        layout="vertical"
        initialValues={initialValues(site, sites)}
        onFinish={submit}
        onFinishFailed={() => message.error('请检查标红的字段')}
        scrollToFirstError
      >
        <Divider titlePlacement="start" plain>
          基本信息
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item
              label="站点类型"
              name="kind"
              rules={[{ required: true, message: '请选择站点类型' }]}
              extra={isNew ? undefined : '站点类型创建后不能修改'}
            >
              <Select
                disabled={!isNew}
                options={SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="站点代码"
              name="code"
              extra={
                isNew
                  ? '小写字母开头，只含小写字母、数字和连字符，如 bm-fgj'
                  : '站点代码创建后不能修改'
              }
              rules={[
                { required: true, message: '请填写站点代码' },
                {
                  pattern: /^[a-z][a-z0-9-]{1,63}$/,
                  message: '小写字母开头，只含小写字母、数字和连字符（2–64 位）',
                },
              ]}
            >
              <Input disabled={!isNew} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="网站名称"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写网站名称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="简称" name="shortName">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {kind === 'channel' && (
            <>
              <Col span={12}>
                <Form.Item
                  label="上级门户"
                  name="parentCode"
                  rules={[{ required: isNew, message: '请选择频道所属的门户网站' }]}
                  extra={isNew ? undefined : '所属门户创建后不能修改'}
                >
                  <Select
                    disabled={!isNew}
                    placeholder="选择门户网站"
                    options={portals.map((p) => ({ value: p.code, label: p.name }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  label="访问路径"
                  name="basePath"
                  extra="频道在门户下的路径，如 /bm/fgj/"
                  rules={[{ required: true, message: '请填写频道访问路径' }]}
                >
                  <Input placeholder="/bm/fgj/" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item
              label="绑定域名"
              name="hosts"
              extra={
                kind === 'channel'
                  ? '频道一般通过门户路径访问，也可另绑独立域名；输入后按回车添加'
                  : '输入域名后按回车添加，如 www.example.gov.cn'
              }
            >
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', ' ']}
                placeholder="www.example.gov.cn"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="分组" name="grouping" extra="频道按分组显示，如 部门、乡镇">
              <AutoComplete options={groupings.map((g) => ({ value: g }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="主题" name="theme">
              <AutoComplete options={[{ value: 'default' }]} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item label="排序" name="sort">
              <InputNumber
                style={{ width: '100%' }}
                min={-1_000_000}
                max={1_000_000}
                precision={0}
              />
            </Form.Item>
          </Col>
          {kind === 'portal' && (
            <Col span={4}>
              <Form.Item label="默认门户" name="isDefault" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Divider titlePlacement="start" plain>
          标识与备案（显示在网站页脚）
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="网站标识码" name="siteIdCode" extra="政府网站标识码，10 位数字">
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="ICP备案号" name="icp">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="主办单位" name="sponsor">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="承办单位" name="organizer">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="公安机关备案号" name="psb">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          联系方式
        </Divider>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="联系电话" name={['contact', 'phone']}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              label="联系邮箱"
              name={['contact', 'email']}
              rules={[{ type: 'email', message: '邮箱格式有误' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="联系地址" name={['contact', 'address']}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          专人负责
        </Divider>
        <Form.List name="responsible">
          {(items, { add, remove }) => (
            <>
              {items.map(({ key, name }) => (
                <Row gutter={8} key={key} align="top">
                  <Col span={5}>
                    <Form.Item
                      label="姓名"
                      name={[name, 'name']}
                      rules={[{ required: true, whitespace: true, message: '请填写负责人姓名' }]}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item label="职责" name={[name, 'role']}>
                      <Input maxLength={100} placeholder="如 内容保障" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item label="电话" name={[name, 'phone']}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item
                      label="邮箱"
                      name={[name, 'email']}
                      rules={[{ type: 'email', message: '邮箱格式有误' }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label=" " colon={false}>
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        aria-label={`删除第 ${name + 1} 位负责人`}
                        onClick={() => remove(name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                disabled={items.length >= 20}
                onClick={() => add({ name: '', role: '', phone: '', email: '' })}
                style={{ marginBottom: 16 }}
              >
                添加负责人
              </Button>
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain>
          网站描述
        </Divider>
        <Form.Item label="关键词" name="keywords" extra="用于搜索引擎，多个关键词用逗号分隔">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label="网站描述" name="description">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
