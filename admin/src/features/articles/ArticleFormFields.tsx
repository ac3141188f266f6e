import type { Editor } from '@tiptap/react'
import {
  App,
  Card,
  Col,
  Collapse,
  ConfigProvider,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  TreeSelect,
  type FormInstance,
} from 'antd'
import type { ReactNode, RefObject } from 'react'
import { VALIDITIES } from '../../../../common/enums'
import { LIMITS } from '../../../../common/limits'
import type { EditorValues } from './article-form'
import { AttachmentsInput, CoverInput } from './ArticleFileInputs'
import { RichTextEditor } from './RichTextEditor'
import type { useArticleColumns } from './useArticleColumns'

type Columns = ReturnType<typeof useArticleColumns>

/** 信息公开属性: 索引号, 文号, 发文机关 … (collapsed unless the article has them). */
function DisclosureFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'indexNo']} label="索引号">
          <Input maxLength={100} placeholder="如 11330000002482870P/2026-00123" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'docNo']} label="文号">
          <Input maxLength={100} placeholder="如 某政办发〔2026〕1号" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'issuer']} label="发文机关">
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'writtenAt']} label="成文日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'subjectCategory']} label="主题分类">
          <Input maxLength={200} placeholder="如 综合政务/政务公开" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={['disclosure', 'validity']} label="有效性">
          <Select
            options={[
              { value: '', label: '（不标注）' },
              ...VALIDITIES.map((v) => ({ value: v, label: v })),
            ]}
          />
        </Form.Item>
      </Col>
    </Row>
  )
}

/** 发布设置: columns, publishing date (with 补录原因 when backdated), source, author. */
function PublishFields({ columns, showBackdate }: { columns: Columns; showBackdate: boolean }) {
  const { message } = App.useApp()
  return (
    <Card size="small" title="发布设置">
      <Form.Item
        name="primaryColumnId"
        label="主栏目"
        rules={[{ required: true, message: '请选择主栏目' }]}
        extra="信息所属的本站栏目"
      >
        <TreeSelect
          treeData={columns.primaryTree}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          placeholder="请选择栏目"
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item
        name="linkedColumnIds"
        label="同时发布到"
        extra="可选择本站或您有权限的其他站点的栏目"
      >
        <TreeSelect
          treeData={columns.linkedTree}
          multiple
          showSearch
          treeNodeFilterProp="title"
          placeholder="选择其他栏目（可多选）"
          popupMatchSelectWidth={false}
          loadData={async (node) => {
            const m = /^site-(\d+)$/.exec(String(node.value))
            if (m)
              await columns.ensureColumns(Number(m[1])).catch(() => message.error('栏目加载失败'))
          }}
        />
      </Form.Item>
      <Form.Item name="publishedAt" label="发布时间" extra="留空则为审核通过或发布时的时间">
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
        />
      </Form.Item>
      {showBackdate && (
        <Form.Item
          name="backdateReason"
          label="补录原因"
          extra="发布时间早于录入日期（补录历史信息），须说明原因，记入操作日志"
          rules={[{ required: true, whitespace: true, message: '请填写补录原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      )}
      <Form.Item name="source" label="来源">
        <Input maxLength={200} placeholder="如 县政府办公室" />
      </Form.Item>
      <Form.Item name="author" label="作者">
        <Input maxLength={100} />
      </Form.Item>
    </Card>
  )
}

/** 封面与附件 and 摘要与链接. */
function MediaAndLinkFields({ siteId }: { siteId: number }) {
  return (
    <>
      <Card size="small" title="封面与附件" style={{ marginTop: 16 }}>
        <Form.Item name="cover" label="封面图">
          <CoverInput siteId={siteId} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate={(a, b) => a.cover !== b.cover}>
          {({ getFieldValue }) =>
            getFieldValue('cover') ? (
              <Form.Item
                name="coverAlt"
                label="封面图说明（替代文字）"
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: '有封面图时须填写图片说明，供读屏软件朗读',
                  },
                ]}
              >
                <Input maxLength={300} placeholder="简要描述图片内容" />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="attachments" label="附件">
          <AttachmentsInput siteId={siteId} />
        </Form.Item>
      </Card>
      <Card size="small" title="摘要与链接" style={{ marginTop: 16 }}>
        <Form.Item name="summary" label="摘要" extra="留空则自动取正文开头">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="keywords" label="关键词" extra="多个关键词用逗号分隔">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="linkUrl"
          label="外链地址"
          extra="填写后，列表中点击该信息将直接跳转到此地址"
          rules={[
            {
              pattern: /^(https?:\/\/|\/)\S*$/,
              message: '请填写以 http://、https:// 或 / 开头的地址',
            },
          ]}
        >
          <Input maxLength={1000} placeholder="https://" />
        </Form.Item>
      </Card>
    </>
  )
}

/** The article form: title, body and 信息公开 on the left; settings, files (and `aside`) right. */
export function ArticleFormFields({
  form,
  siteId,
  columns,
  showBackdate,
  disclosureOpen,
  onDisclosureOpen,
  editorRef,
  onValuesChange,
  aside,
  disabled,
}: {
  form: FormInstance<EditorValues>
  siteId: number
  columns: Columns
  showBackdate: boolean
  disclosureOpen: string[]
  onDisclosureOpen: (keys: string[]) => void
  editorRef: RefObject<Editor | null>
  onValuesChange: () => void
  aside?: ReactNode
  disabled?: boolean
}) {
  return (
    <Form<EditorValues>
      form={form}
      name="article"
      layout="vertical"
      requiredMark="optional"
      disabled={disabled}
      initialValues={{
        linkedColumnIds: [],
        attachments: [],
        bodyHtml: '',
        cover: null,
        disclosure: { validity: '' },
      }}
      onValuesChange={onValuesChange}
      scrollToFirstError
    >
      <Row gutter={16}>
        <Col xs={24} lg={17}>
          <Card size="small">
            <Form.Item
              name="title"
              label="标题"
              rules={[
                { required: true, whitespace: true, message: '请填写标题' },
                { max: LIMITS.titleMax, message: `标题不能超过 ${LIMITS.titleMax} 个字符` },
              ]}
            >
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 3 }}
                placeholder="请输入标题"
                showCount
                maxLength={LIMITS.titleMax}
              />
            </Form.Item>
            <Form.Item name="subtitle" label="副标题">
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item
              name="bodyHtml"
              label="正文"
              extra="可直接从 Word 粘贴，自动保留标题、列表和表格并清除多余格式；图片可粘贴、拖入或上传，自动存入媒体库。Ctrl+S 保存。"
            >
              <RichTextEditor
                siteId={siteId}
                aria-label="正文"
                editorRef={editorRef}
                readOnly={disabled}
              />
            </Form.Item>
          </Card>
          <Collapse
            style={{ marginTop: 16 }}
            activeKey={disclosureOpen}
            onChange={(k) => onDisclosureOpen(Array.isArray(k) ? k : [k])}
            items={[
              {
                key: 'disclosure',
                label: '信息公开属性（索引号、文号、发文机关等）',
                forceRender: true,
                children: <DisclosureFields />,
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={7}>
          {/* The checks stay usable when the form is read-only (e.g. while in review). */}
          <ConfigProvider componentDisabled={false}>{aside}</ConfigProvider>
          <PublishFields columns={columns} showBackdate={showBackdate} />
          <MediaAndLinkFields siteId={siteId} />
        </Col>
      </Row>
    </Form>
  )
}
