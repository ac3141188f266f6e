import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd'
import { useEffect, useState } from 'react'
import type { DatasetField } from '../../../../common/datasets'
import { formErrors } from '../../api'
import { datasetApi, type DatasetView } from './dataset-api'
import {
  datasetInput,
  datasetValues,
  emptyField,
  typeOptions,
  type DatasetFormValues,
} from './dataset-form'

const FLAGS: { name: keyof DatasetField; label: string }[] = [
  { name: 'isRequired', label: '必填' },
  { name: 'isSearchable', label: '关键词可查' },
  { name: 'isFilterable', label: '可筛选' },
  { name: 'isInList', label: '列表显示' },
  { name: 'isInDetail', label: '详情显示' },
]

/**
 * Defines a dataset: its fields in order (key, name, type, choices, flags) and the row order.
 * Changing a field that existing rows do not fit is refused by the server with examples.
 */
export function DatasetFormModal({
  dataset,
  siteId,
  canCluster,
  canSite,
  onClose,
  onSaved,
}: {
  dataset: DatasetView | null
  siteId: number | undefined
  canCluster: boolean
  canSite: boolean
  onClose: () => void
  onSaved: (d: DatasetView, isNew: boolean) => void
}) {
  const [form] = Form.useForm<DatasetFormValues>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const fields = Form.useWatch('fields', form) ?? []

  useEffect(() => {
    form.setFieldsValue(datasetValues(dataset, canCluster))
  }, [form, dataset, canCluster])

  const ok = async () => {
    let values: DatasetFormValues
    try {
      values = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = dataset
        ? await datasetApi.update(dataset.id, datasetInput(values))
        : await datasetApi.create(datasetInput(values, siteId))
      onSaved(saved, !dataset)
    } catch (e) {
      const { message, fields: errs } = formErrors(e)
      form.setFields(errs)
      setError(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      width={960}
      title={dataset ? `修改数据库定义：${dataset.name}` : '新建便民数据库'}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />
      )}
      <Form form={form} layout="vertical" name="dataset-form">
        {!dataset && (
          <Form.Item name="scope" label="范围">
            <Radio.Group>
              <Radio value="cluster" disabled={!canCluster}>
                全站群共用（平台管理员）
              </Radio>
              <Radio value="site" disabled={!canSite || siteId === undefined}>
                当前站点
              </Radio>
            </Radio.Group>
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
              <Input maxLength={100} placeholder="如：医疗机构名录" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="code"
              label="代码（用于网址和接口）"
              rules={[{ required: true, message: '请填写代码' }]}
            >
              <Input maxLength={64} placeholder="如：yljg" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="ownerUnit" label="维护单位">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="fields">
          {(items, { add, remove, move }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((item, i) => (
                <Card
                  size="small"
                  key={item.key}
                  title={`字段 ${i + 1}`}
                  extra={
                    <Space>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label="上移"
                        disabled={i === 0}
                        onClick={() => move(i, i - 1)}
                      />
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label="下移"
                        disabled={i === items.length - 1}
                        onClick={() => move(i, i + 1)}
                      />
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除字段 ${i + 1}`}
                        onClick={() => remove(i)}
                      />
                    </Space>
                  }
                >
                  <Row gutter={12}>
                    <Col span={6}>
                      <Form.Item
                        name={[item.name, 'label']}
                        label="字段名称"
                        rules={[{ required: true, message: '请填写字段名称' }]}
                      >
                        <Input maxLength={30} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[item.name, 'key']}
                        label="字段代码"
                        rules={[{ required: true, message: '请填写字段代码' }]}
                      >
                        <Input
                          maxLength={32}
                          disabled={Boolean(dataset?.fields.some((f) => f.key === fields[i]?.key))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[item.name, 'type']} label="类型">
                        <Select options={typeOptions} />
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      {fields[i]?.type === 'choice' && (
                        <Form.Item name={[item.name, 'options']} label="选项（回车添加）">
                          <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
                        </Form.Item>
                      )}
                    </Col>
                  </Row>
                  <Space wrap>
                    {FLAGS.map((flag) => (
                      <Form.Item
                        key={flag.name}
                        name={[item.name, flag.name]}
                        valuePropName="checked"
                        noStyle
                      >
                        <Checkbox>{flag.label}</Checkbox>
                      </Form.Item>
                    ))}
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(emptyField(items.length + 1))}>
                添加字段
              </Button>
            </Space>
          )}
        </Form.List>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={8}>
            <Form.Item name="orderField" label="排序字段">
              <Select
                allowClear
                placeholder="按录入顺序"
                options={fields
                  .filter((f) => f?.key)
                  .map((f) => ({ value: f.key, label: f.label || f.key }))}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="orderDesc" label="倒序" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="sort" label="显示顺序">
              <InputNumber min={-100000} max={100000} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="isPublic" label="公开查询" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
