import { InboxOutlined } from '@ant-design/icons'
import { Alert, List, Modal, Radio, Space, Typography, Upload } from 'antd'
import { useState } from 'react'
import { useXlsxImport } from '../../shell/XlsxUpload'
import { datasetApi, type DatasetView } from './dataset-api'

/**
 * Imports rows from .xlsx or CSV: the first row names the fields (by name or code). Any wrong
 * cell refuses the whole file, listed by row number; nothing is half-imported.
 */
export function DatasetImportModal({
  dataset,
  onClose,
  onDone,
}: {
  dataset: DatasetView
  onClose: () => void
  onDone: (r: { imported: number; skipped: number; total: number }) => void
}) {
  const [mode, setMode] = useState<'replace' | 'append'>('replace')
  const { file, chooseFile, busy, error, submit } = useXlsxImport(async (f) => {
    onDone(await datasetApi.importFile(dataset.id, f, mode))
  })
  return (
    <Modal
      open
      title={`导入数据：${dataset.name}`}
      okText="导入"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          第 1 行为表头，填写字段名称（{dataset.fields.map((f) => f.label).join('、')}）或字段代码；
          空行自动跳过；请勿使用合并单元格。可先“导出”得到带表头的模板。
        </Typography.Paragraph>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'replace' | 'append')}>
          <Radio value="replace">替换全部现有数据（{dataset.rowCount} 条）</Radio>
          <Radio value="append">追加到现有数据之后</Radio>
        </Radio.Group>
        <Upload.Dragger
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          beforeUpload={(f) => {
            chooseFile(f)
            return false
          }}
          onRemove={() => {
            chooseFile(null)
            return true
          }}
          fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将 Excel（.xlsx）或 CSV 文件拖到此处</p>
          <p className="ant-upload-hint">一次最多 100000 行；CSV 可为 UTF-8 或 GBK 编码</p>
        </Upload.Dragger>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error.message}
            description={
              error.lines.length > 0 ? (
                <List
                  size="small"
                  style={{ maxHeight: 240, overflow: 'auto' }}
                  dataSource={error.lines}
                  renderItem={(l) => <List.Item style={{ padding: '2px 0' }}>{l}</List.Item>}
                />
              ) : undefined
            }
          />
        )}
      </Space>
    </Modal>
  )
}
