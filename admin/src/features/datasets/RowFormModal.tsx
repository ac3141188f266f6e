import { Alert, Form, Input, Modal, Select } from 'antd'
import { useEffect, useState } from 'react'
import type { DatasetField } from '../../../../common/datasets'
import { formErrors } from '../../api'
import { datasetApi, type DatasetRowView, type DatasetView } from './dataset-api'
import { rowInput } from './dataset-form'

const PLACEHOLDERS: Partial<Record<DatasetField['type'], string>> = {
  number: '如 120',
  date: '如 2024-03-01',
  phone: '如 0399-6212345 或 13800000000，多个用“、”分隔',
  link: 'https://…',
}

/** Adds or edits one row; the server checks every value and names the wrong ones. */
export function RowFormModal({
  dataset,
  row,
  onClose,
  onSaved,
}: {
  dataset: DatasetView
  row: DatasetRowView | null
  onClose: () => void
  onSaved: () => void
}) {
  const [form] = Form.useForm<Record<string, string>>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    form.setFieldsValue(row?.values ?? {})
  }, [form, row])

  const ok = async () => {
    const values = form.getFieldsValue(true) as Record<string, unknown>
    setBusy(true)
    setError(null)
    try {
      const input = rowInput(dataset.fields, values)
      if (row) await datasetApi.updateRow(dataset.id, row.id, input)
      else await datasetApi.createRow(dataset.id, input)
      onSaved()
    } catch (e) {
      const { message, fields } = formErrors(e)
      // The server names `values.<key>`; the form's fields are the keys.
      form.setFields(
        fields.map((f) => ({ ...f, name: String([f.name].flat().slice(-1)[0] ?? '') })),
      )
      setError(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      title={row ? '修改数据' : '新增数据'}
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
      <Form form={form} layout="vertical" name="dataset-row">
        {dataset.fields.map((f) => (
          <Form.Item key={f.key} name={f.key} label={f.label} required={f.isRequired}>
            {f.type === 'choice' ? (
              <Select allowClear options={f.options.map((o) => ({ value: o, label: o }))} />
            ) : (
              <Input placeholder={PLACEHOLDERS[f.type]} maxLength={2000} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  )
}
