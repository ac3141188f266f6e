import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons'
import {
  App,
  Button,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useState } from 'react'
import { LEXICON_KINDS, LEXICON_KIND_LABELS, type LexiconKind } from '../../../../common/checks'
import { formatDateTime } from '../../../../common/time'
import { ApiError, formErrors } from '../../api'
import { downloadFile } from '../../download'
import { LoadError } from '../../shell/LoadError'
import { usePagedList } from '../../shell/usePagedList'
import { checksApi, type LexiconEntry, type LexiconValues } from './checks-api'
import { LexiconImportModal } from './LexiconImportModal'

type Filters = { kind?: LexiconKind; q?: string }
type Dialog = { kind: 'create' } | { kind: 'edit'; entry: LexiconEntry } | { kind: 'import' } | null

/** What the second column means for each list. */
const REPLACEMENT_LABEL: Record<LexiconKind, string> = {
  sensitive: '替换建议',
  wrong: '正确写法',
  protected: '职务',
  ad_domain: '替换建议',
}
const TERM_LABEL: Record<LexiconKind, string> = {
  sensitive: '敏感词',
  wrong: '错误写法',
  protected: '领导姓名',
  ad_domain: '域名',
}
const TERM_HELP: Record<LexiconKind, string> = {
  sensitive: '正文、标题或附件中出现即提示',
  wrong: '出现时提示改为正确写法',
  protected: '2–4 个汉字；写错一个字（同音、形近或紧挨职务）即阻止发布',
  ad_domain: '如 example.com，含其子域名；链接到该域名即视为商业广告',
}
const KIND_COLORS: Record<LexiconKind, string> = {
  sensitive: '#a8071a',
  wrong: '#ad4e00',
  protected: '#0050b3',
  ad_domain: '#531dab',
}

/** 词库: the cluster's word lists, with filters, paging, add/edit/delete and Excel in and out. */
export function LexiconTab() {
  const { message } = App.useApp()
  const [filters, setFilters] = useState<Filters>({})
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [saving, setSaving] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [form] = Form.useForm<LexiconValues>()
  const formKind = Form.useWatch('kind', form) ?? 'sensitive'

  const { rows, total, loading, error, load } = usePagedList<LexiconEntry>(
    '/lexicon',
    filters,
    page,
    pageSize,
    '词库加载失败',
  )

  const applyFilters = (next: Filters) => {
    setPage(1)
    setFilters((f) => ({ ...f, ...next }))
  }

  const open = (d: Dialog) => {
    form.resetFields()
    if (d?.kind === 'edit') {
      const { kind, term, replacement, note } = d.entry
      form.setFieldsValue({ kind, term, replacement, note })
    }
    if (d?.kind === 'create') form.setFieldsValue({ kind: filters.kind ?? 'sensitive' })
    setDialog(d)
  }

  const save = async () => {
    if (dialog?.kind !== 'create' && dialog?.kind !== 'edit') return
    let values: LexiconValues
    try {
      values = await form.validateFields()
    } catch {
      message.error('请检查标红的字段')
      return
    }
    setSaving(true)
    try {
      const payload = {
        term: values.term.trim(),
        replacement: values.replacement?.trim() ?? '',
        note: values.note?.trim() ?? '',
      }
      if (dialog.kind === 'create') {
        const e = await checksApi.addEntry({ ...payload, kind: values.kind })
        message.success(`已添加“${e.term}”`)
      } else {
        await checksApi.updateEntry(dialog.entry.id, payload)
        message.success('已保存')
      }
      setDialog(null)
      await load()
    } catch (e) {
      const r = formErrors(e)
      form.setFields(r.fields)
      message.error(r.message)
    } finally {
      setSaving(false)
    }
  }

  const remove = async (e: LexiconEntry) => {
    try {
      await checksApi.removeEntry(e.id)
      message.success(`已删除“${e.term}”`)
      await load()
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : '删除失败，请稍后重试')
    }
  }

  const exportXlsx = async () => {
    setExporting(true)
    try {
      await downloadFile('/lexicon/export.xlsx', { kind: filters.kind })
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '导出失败，请稍后重试')
    } finally {
      setExporting(false)
    }
  }

  const columns: ColumnsType<LexiconEntry> = [
    {
      title: '词库',
      dataIndex: 'kind',
      width: 110,
      render: (k: LexiconKind) => <Tag color={KIND_COLORS[k]}>{LEXICON_KIND_LABELS[k]}</Tag>,
    },
    {
      title: '词语',
      dataIndex: 'term',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: '正确写法/职务',
      dataIndex: 'replacement',
      render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: '说明', dataIndex: 'note', render: (v: string) => v || '—' },
    {
      title: '添加时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, e) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            aria-label={`编辑“${e.term}”`}
            onClick={() => open({ kind: 'edit', entry: e })}
          >
            编辑
          </Button>
          <Popconfirm
            title={`删除“${e.term}”？`}
            description="删除后立即不再检查该词。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove(e)}
          >
            <Button type="link" size="small" danger aria-label={`删除“${e.term}”`}>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ]

  const editingKind: LexiconKind = dialog?.kind === 'edit' ? dialog.entry.kind : formKind

  return (
    <>
      <Space
        wrap
        size="middle"
        style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}
      >
        <Space wrap size="middle">
          <Space>
            <label htmlFor="lexicon-kind">词库</label>
            <Select<LexiconKind>
              id="lexicon-kind"
              allowClear
              placeholder="全部词库"
              style={{ width: 140 }}
              value={filters.kind}
              onChange={(v) => applyFilters({ kind: v })}
              options={LEXICON_KINDS.map((k) => ({ value: k, label: LEXICON_KIND_LABELS[k] }))}
            />
          </Space>
          <Space>
            <label htmlFor="lexicon-q">搜索</label>
            <Input.Search
              id="lexicon-q"
              allowClear
              placeholder="词语、正确写法或说明"
              style={{ width: 240 }}
              onSearch={(v) => applyFilters({ q: v.trim() || undefined })}
            />
          </Space>
        </Space>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => setDialog({ kind: 'import' })}>
            导入 Excel
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
            添加词条
          </Button>
        </Space>
      </Space>
      <LoadError error={error} onRetry={() => void load()} />
      <Table<LexiconEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={{ spinning: loading, tip: '加载中' }}
        locale={{ emptyText: <Empty description={loading ? '加载中' : '没有符合条件的词条'} /> }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, ps) => {
            setPage(ps !== pageSize ? 1 : p)
            setPageSize(ps)
          },
        }}
      />

      <Modal
        open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        title={dialog?.kind === 'edit' ? `编辑词条：${dialog.entry.term}` : '添加词条'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setDialog(null)}
        forceRender
      >
        <Form form={form} name="lexicon" layout="vertical" onFinish={() => void save()}>
          <Form.Item label="词库" name="kind" rules={[{ required: true, message: '请选择词库' }]}>
            <Select<LexiconKind>
              disabled={dialog?.kind === 'edit'}
              options={LEXICON_KINDS.map((k) => ({ value: k, label: LEXICON_KIND_LABELS[k] }))}
            />
          </Form.Item>
          <Form.Item
            label={TERM_LABEL[editingKind]}
            name="term"
            extra={TERM_HELP[editingKind]}
            rules={[
              { required: true, whitespace: true, message: `请填写${TERM_LABEL[editingKind]}` },
            ]}
          >
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={REPLACEMENT_LABEL[editingKind]}
            name="replacement"
            extra={editingKind === 'protected' ? '多个职务用“/”分隔，如 县委书记/县长' : undefined}
            rules={
              editingKind === 'wrong'
                ? [{ required: true, whitespace: true, message: '请填写正确写法' }]
                : []
            }
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>

      {dialog?.kind === 'import' && (
        <LexiconImportModal onClose={() => setDialog(null)} onImported={() => void load()} />
      )}
    </>
  )
}
