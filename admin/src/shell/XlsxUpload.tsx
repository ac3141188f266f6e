import { InboxOutlined } from '@ant-design/icons'
import { Alert, List, Upload } from 'antd'
import { useState } from 'react'
import { ApiError } from '../api'

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

/** The refused rows of an import, in row order (field keys carry the row number: `rows.12`). */
function rowErrors(e: ApiError): string[] {
  const rowNo = (k: string) => Number(k.replace(/\D/g, '')) || 0
  return Object.entries(e.fields)
    .sort(([a], [b]) => rowNo(a) - rowNo(b))
    .map(([, v]) => v)
    .filter((v) => v !== e.message)
}

/** State of an Excel import dialog: the chosen file, the upload in progress, refused rows. */
export function useXlsxImport(upload: (file: File) => Promise<void>) {
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ImportError | null>(null)
  const chooseFile = (f: File | null) => {
    setFile(f)
    setError(null)
  }
  const submit = async () => {
    if (!file) {
      setError({ message: '请先选择要导入的 Excel 文件', lines: [] })
      return
    }
    setBusy(true)
    setError(null)
    try {
      await upload(file)
    } catch (e) {
      if (e instanceof ApiError) setError({ message: e.message, lines: rowErrors(e) })
      else setError({ message: '导入失败，请稍后重试', lines: [] })
    } finally {
      setBusy(false)
    }
  }
  return { file, chooseFile, busy, error, submit }
}
