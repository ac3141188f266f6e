import { DownloadOutlined } from '@ant-design/icons'
import { Alert, App, Button, Modal, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { api, ApiError } from '../../api'
import { downloadFile } from '../../download'
import { useXlsxImport, XlsxUpload } from '../../shell/XlsxUpload'

interface ImportResult {
  created: { row: number; username: string; displayName: string; password: string }[]
  failed: { row: number; username: string; message: string }[]
  passwordsXlsx: string
}

function saveBase64Xlsx(base64: string, filename: string): void {
  const bin = atob(base64)
  const bytes = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i)
  const blob = new Blob([bytes], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}

/** Row errors come back as `fields['rows.<n>']`; anything else (e.g. `file`) goes first. */
/** 导入用户: template download, upload, per-row errors, then the one-time passwords. */
export function UserImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void
  onImported: () => void
}) {
  const { message } = App.useApp()
  const [result, setResult] = useState<ImportResult | null>(null)
  const { file, chooseFile, busy, error, submit } = useXlsxImport(async (f) => {
    const body = new FormData()
    body.append('file', f)
    const res = await api.post<{ data: ImportResult }>('/users/import', body)
    setResult(res.data)
    onImported()
    message.success(`已导入 ${res.data.created.length} 个用户`)
  })

  const template = async () => {
    try {
      await downloadFile('/users/import-template.xlsx')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '下载失败，请稍后重试')
    }
  }

  if (result) {
    return (
      <Modal
        open
        width={720}
        title="导入完成"
        onCancel={onClose}
        maskClosable={false}
        footer={
          <Space>
            <Button
              icon={<DownloadOutlined />}
              disabled={result.created.length === 0}
              onClick={() => saveBase64Xlsx(result.passwordsXlsx, '导入用户初始密码.xlsx')}
            >
              下载初始密码表
            </Button>
            <Button type="primary" onClick={onClose}>
              我已保存，关闭
            </Button>
          </Space>
        }
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="初始密码只显示这一次"
          description="请立即下载或复制并安全地交给各位用户；用户首次登录时须修改密码。关闭后将无法再次查看。"
        />
        {result.failed.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={`${result.failed.length} 行未能导入`}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {result.failed.map((f) => (
                  <li key={f.row}>{f.message}</li>
                ))}
              </ul>
            }
          />
        )}
        <Table
          rowKey="username"
          size="small"
          pagination={result.created.length > 10 ? { pageSize: 10 } : false}
          dataSource={result.created}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70 },
            { title: '用户名', dataIndex: 'username' },
            { title: '姓名', dataIndex: 'displayName' },
            {
              title: '初始密码',
              dataIndex: 'password',
              render: (p: string) => (
                <Typography.Text code copyable={{ text: p, tooltips: ['复制', '已复制'] }}>
                  {p}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Modal>
    )
  }

  return (
    <Modal
      open
      width={640}
      title="从 Excel 导入用户"
      onCancel={onClose}
      okText="开始导入"
      cancelText="取消"
      okButtonProps={{ loading: busy, disabled: !file }}
      onOk={() => void submit()}
    >
      <ol style={{ paddingLeft: 20 }}>
        <li>
          下载
          <Button type="link" size="small" onClick={() => void template()}>
            用户导入模板
          </Button>
          ，按表头填写：用户名、姓名、单位、电话、邮箱、站点代码、角色（站点管理员/编辑）。
        </li>
        <li>上传填好的 .xlsx 文件。所有行校验通过后才会导入；任何一行有误都不会导入任何用户。</li>
        <li>系统为每位用户生成初始密码，只显示一次，请下载保存。</li>
      </ol>
      <XlsxUpload file={file} onFile={chooseFile} maxRows={2000} error={error} />
    </Modal>
  )
}
