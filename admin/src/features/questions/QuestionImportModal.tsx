import { DownloadOutlined } from '@ant-design/icons'
import { App, Button, Modal } from 'antd'
import { QUESTION_LIMITS, QUESTION_XLSX_COLUMNS } from '../../../../common/questions'
import { ApiError } from '../../api'
import { downloadFile } from '../../download'
import { useXlsxImport, XlsxUpload } from '../../shell/XlsxUpload'
import { questionApi } from './question-api'

/** 导入热点解答: template, upload, refused rows (nothing is imported while any row is wrong). */
export function QuestionImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void
  onImported: () => void
}) {
  const { message } = App.useApp()
  const { file, chooseFile, busy, error, submit } = useXlsxImport(async (f) => {
    const r = await questionApi.import(f)
    message.success(`导入完成：新建 ${r.created} 条，更新 ${r.updated} 条`)
    onImported()
    onClose()
  })
  const template = async () => {
    try {
      await downloadFile('/questions/import-template.xlsx')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '下载失败，请稍后重试')
    }
  }
  return (
    <Modal
      open
      width={640}
      title="从 Excel 导入热点解答"
      onCancel={onClose}
      okText="开始导入"
      cancelText="取消"
      okButtonProps={{ loading: busy, disabled: !file }}
      onOk={() => void submit()}
    >
      <ol style={{ paddingLeft: 20 }}>
        <li>
          下载模板，按表头填写：{QUESTION_XLSX_COLUMNS.join('、')}
          。“问题”和“责任单位”（站点代码或名称）必填。{' '}
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void template()}>
            下载模板
          </Button>
        </li>
        <li>填写了“编号”的行更新该条问答，其余行新建；主题、事项编码等多个值用顿号分隔。</li>
        <li>任何一行有误时整份文件都不会导入，请按提示修改后重新上传。</li>
      </ol>
      <XlsxUpload
        file={file}
        onFile={chooseFile}
        maxRows={QUESTION_LIMITS.importMaxRows}
        error={error}
      />
    </Modal>
  )
}
