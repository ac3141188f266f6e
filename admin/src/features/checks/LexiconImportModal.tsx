import { App, Modal } from 'antd'
import { LEXICON_KINDS, LEXICON_KIND_LABELS } from '../../../../common/checks'
import { useXlsxImport, XlsxUpload } from '../../shell/XlsxUpload'
import { checksApi } from './checks-api'

/** 导入词库: one .xlsx with the export's columns; any bad row stops the whole import. */
export function LexiconImportModal({
  onClose,
  onImported,
}: {
  onClose: () => void
  onImported: () => void
}) {
  const { message } = App.useApp()
  const { file, chooseFile, busy, error, submit } = useXlsxImport(async (f) => {
    const r = await checksApi.importXlsx(f)
    message.success(`导入完成：新增 ${r.created} 条，更新 ${r.updated} 条，未变 ${r.unchanged} 条`)
    onImported()
    onClose()
  })

  return (
    <Modal
      open
      width={640}
      title="从 Excel 导入词库"
      onCancel={onClose}
      okText="开始导入"
      cancelText="取消"
      okButtonProps={{ loading: busy, disabled: !file }}
      onOk={() => void submit()}
    >
      <ol style={{ paddingLeft: 20 }}>
        <li>第 1 行为表头：词库、词语、正确写法/职务、说明（可先“导出 Excel”作为模板）。</li>
        <li>词库填写：{LEXICON_KINDS.map((k) => LEXICON_KIND_LABELS[k]).join('、')}。</li>
        <li>已有的词语会更新其正确写法和说明；任何一行有误都不会导入。</li>
      </ol>
      <XlsxUpload file={file} onFile={chooseFile} maxRows={20000} error={error} />
    </Modal>
  )
}
