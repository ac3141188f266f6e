import { InboxOutlined } from '@ant-design/icons'
import { Alert, List, Upload } from 'antd'

export interface ImportError {
  message: string
  /** One line per refused row, e.g. “第 3 行：用户名已存在”. */
  lines: string[]
}

/** The drop zone of an Excel import and the refused rows under it (users, word lists …). */
export function XlsxUpload({
  file,
  onFile,
  maxRows,
  error,
}: {
  file: File | null
  onFile: (f: File | null) => void
  maxRows: number
  error: ImportError | null
}) {
  return (
    <>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        beforeUpload={(f) => {
          onFile(f)
          return false
        }}
        onRemove={() => {
          onFile(null)
          return true
        }}
        fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或将 Excel 文件拖到此处</p>
        <p className="ant-upload-hint">仅支持 .xlsx 格式，一次最多 {maxRows} 行</p>
      </Upload.Dragger>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          message={error.message}
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
    </>
  )
}
