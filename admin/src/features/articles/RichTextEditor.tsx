import {
  AlignCenterOutlined,
  AlignLeftOutlined,
  AlignRightOutlined,
  BoldOutlined,
  DeleteColumnOutlined,
  DeleteRowOutlined,
  DisconnectOutlined,
  FileImageOutlined,
  InsertRowBelowOutlined,
  InsertRowRightOutlined,
  ItalicOutlined,
  LinkOutlined,
  MenuOutlined,
  OrderedListOutlined,
  PictureOutlined,
  RedoOutlined,
  TableOutlined,
  UnderlineOutlined,
  UndoOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons'
import Image from '@tiptap/extension-image'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import TextAlign from '@tiptap/extension-text-align'
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { App, Button, Divider, Form, Input, Modal, Select, Space, Tooltip } from 'antd'
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import { ApiError } from '../../api'
import { MediaPicker } from '../media/MediaPicker'
import { uploadFile } from './article-api'
import { cleanPastedHtml, isOfficeHtml } from './word-paste'

export interface RichTextEditorProps {
  id?: string
  value?: string
  onChange?: (html: string) => void
  /** Site whose media library receives pasted, dropped and uploaded images. */
  siteId: number
  'aria-label'?: string
  /** Receives the Tiptap instance, for callers that select or replace text (content checks). */
  editorRef?: RefObject<Editor | null>
  /** Shows the body without letting it be changed (e.g. while the article is in review). */
  readOnly?: boolean
}

const IMAGE_TYPES = /^image\/(png|jpe?g|gif|webp)$/

/** The article body editor (Tiptap): Word paste cleaning, images go to the media library. */
export function RichTextEditor({
  id,
  value,
  onChange,
  siteId,
  editorRef: outerRef,
  readOnly = false,
  ...rest
}: RichTextEditorProps) {
  const { message } = App.useApp()
  const lastEmitted = useRef<string | null>(null)
  const siteRef = useRef(siteId)
  siteRef.current = siteId
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange
  const fileInput = useRef<HTMLInputElement>(null)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [linkOpen, setLinkOpen] = useState(false)
  const [altOpen, setAltOpen] = useState(false)
  const [altText, setAltText] = useState('')
  const [linkHref, setLinkHref] = useState('')
  const editorRef = useRef<Editor | null>(null)

  const uploadImages = async (files: File[], at?: number) => {
    const editor = editorRef.current
    if (!editor) return
    const hide = message.loading(`正在上传 ${files.length} 张图片…`, 0)
    try {
      let pos = at
      for (const f of files) {
        const up = await uploadFile(siteRef.current, f)
        const node = { type: 'image', attrs: { src: up.url, alt: up.name.replace(/\.[^.]+$/, '') } }
        if (pos !== undefined) {
          editor.chain().focus().insertContentAt(pos, node).run()
          pos += 1
        } else editor.chain().focus().insertContent(node).run()
      }
      message.success('图片已上传到媒体库并插入正文，请检查图片说明（替代文字）')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '图片上传失败')
    } finally {
      hide()
    }
  }

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [1, 2, 3, 4] },
        link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
      }),
      Image.configure({ inline: false, allowBase64: false }),
      Table.configure({ resizable: false }),
      TableRow,
      TableHeader,
      TableCell,
      TextAlign.configure({ types: ['heading', 'paragraph'] }),
    ],
    content: value ?? '',
    editorProps: {
      attributes: {
        ...(id ? { id } : {}),
        class: 'zq-rte__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': rest['aria-label'] ?? '正文',
      },
      transformPastedHTML(html) {
        const { html: clean, droppedImages } = cleanPastedHtml(html)
        if (droppedImages > 0) {
          message.warning(
            `有 ${droppedImages} 张图片无法从 Word 直接粘贴，请另存后用“上传图片”插入`,
          )
        } else if (isOfficeHtml(html)) {
          message.info('已清理从 Word 粘贴的格式，保留了标题、列表和表格')
        }
        return clean
      },
      handlePaste(_view, event) {
        const data = event.clipboardData
        if (!data) return false
        const files = [...data.files].filter((f) => IMAGE_TYPES.test(f.type))
        // Word also offers a picture of the selection: text wins when there is any.
        if (files.length === 0 || data.getData('text/html') || data.getData('text/plain'))
          return false
        event.preventDefault()
        void uploadImages(files)
        return true
      },
      handleDrop(view, event, _slice, moved) {
        if (moved || !event.dataTransfer) return false
        const files = [...event.dataTransfer.files].filter((f) => IMAGE_TYPES.test(f.type))
        if (files.length === 0) return false
        event.preventDefault()
        const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
        void uploadImages(files, pos)
        return true
      },
    },
    onUpdate({ editor: e }) {
      // The trailing empty paragraph is editing room, not content.
      const html = e.isEmpty ? '' : e.getHTML().replace(/(<p><\/p>)+$/, '')
      lastEmitted.current = html
      onChangeRef.current?.(html)
    },
  })
  editorRef.current = editor
  if (outerRef) outerRef.current = editor

  // Content set from outside (article loaded): replace, without echoing back as a change.
  useEffect(() => {
    if (!editor || value === undefined || value === lastEmitted.current) return
    try {
      editor.commands.setContent(value || '', { emitUpdate: false })
      lastEmitted.current = value
    } catch {
      // A destroyed instance (React StrictMode remount): the next editor receives the value.
    }
  }, [editor, value])

  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setEditable(!readOnly, false)
  }, [editor, readOnly])

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e || e.isDestroyed) return null
      return {
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        underline: e.isActive('underline'),
        bullet: e.isActive('bulletList'),
        ordered: e.isActive('orderedList'),
        link: e.isActive('link'),
        image: e.isActive('image'),
        table: e.isActive('table'),
        heading: ([1, 2, 3, 4] as const).find((level) => e.isActive('heading', { level })) ?? 0,
        align:
          (['center', 'right', 'justify'] as const).find((a) => e.isActive({ textAlign: a })) ??
          'left',
        canUndo: e.can().undo(),
        canRedo: e.can().redo(),
      }
    },
  })

  if (!editor || !state) return null
  const chain = () => editor.chain().focus()

  const tool = (
    label: string,
    icon: ReactNode,
    run: () => void,
    opts: { active?: boolean; disabled?: boolean } = {},
  ) => (
    <Tooltip title={label} key={label}>
      <Button
        type={opts.active ? 'primary' : 'text'}
        ghost={opts.active}
        size="small"
        icon={icon}
        aria-label={label}
        aria-pressed={opts.active === undefined ? undefined : opts.active}
        disabled={opts.disabled}
        onMouseDown={(e) => e.preventDefault()}
        onClick={run}
      />
    </Tooltip>
  )

  const openLink = () => {
    setLinkHref((editor.getAttributes('link').href as string | undefined) ?? 'https://')
    setLinkOpen(true)
  }
  const applyAlt = () => {
    chain().updateAttributes('image', { alt: altText.trim() }).run()
    setAltOpen(false)
  }
  const applyLink = () => {
    const href = linkHref.trim()
    if (!href || href === 'https://') chain().extendMarkRange('link').unsetLink().run()
    else if (!/^(https?:\/\/|mailto:|tel:|\/)/.test(href)) {
      message.error('链接须以 http://、https://、mailto: 或 / 开头')
      return
    } else chain().extendMarkRange('link').setLink({ href }).run()
    setLinkOpen(false)
  }

  return (
    <div
      className="zq-rte"
      style={{ border: '1px solid #d9d9d9', borderRadius: 4, background: '#fff' }}
    >
      <style>{RTE_CSS}</style>
      <div
        role="toolbar"
        aria-label="正文格式工具栏"
        aria-controls={id}
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 2,
          alignItems: 'center',
          padding: 4,
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 2,
          background: '#fafafa',
        }}
      >
        {tool('撤销（Ctrl+Z）', <UndoOutlined />, () => chain().undo().run(), {
          disabled: !state.canUndo,
        })}
        {tool('重做（Ctrl+Y）', <RedoOutlined />, () => chain().redo().run(), {
          disabled: !state.canRedo,
        })}
        <Divider orientation="vertical" />
        <Select
          size="small"
          aria-label="段落样式"
          value={state.heading}
          style={{ width: 96 }}
          onChange={(level: number) =>
            level === 0
              ? chain().setParagraph().run()
              : chain()
                  .setHeading({ level: level as 1 | 2 | 3 | 4 })
                  .run()
          }
          options={[
            { value: 0, label: '正文' },
            { value: 1, label: '标题 1' },
            { value: 2, label: '标题 2' },
            { value: 3, label: '标题 3' },
            { value: 4, label: '标题 4' },
          ]}
        />
        {tool('加粗（Ctrl+B）', <BoldOutlined />, () => chain().toggleBold().run(), {
          active: state.bold,
        })}
        {tool('斜体（Ctrl+I）', <ItalicOutlined />, () => chain().toggleItalic().run(), {
          active: state.italic,
        })}
        {tool('下划线（Ctrl+U）', <UnderlineOutlined />, () => chain().toggleUnderline().run(), {
          active: state.underline,
        })}
        <Divider orientation="vertical" />
        {tool('项目符号列表', <UnorderedListOutlined />, () => chain().toggleBulletList().run(), {
          active: state.bullet,
        })}
        {tool('编号列表', <OrderedListOutlined />, () => chain().toggleOrderedList().run(), {
          active: state.ordered,
        })}
        <Divider orientation="vertical" />
        {tool('左对齐', <AlignLeftOutlined />, () => chain().setTextAlign('left').run(), {
          active: state.align === 'left',
        })}
        {tool('居中', <AlignCenterOutlined />, () => chain().setTextAlign('center').run(), {
          active: state.align === 'center',
        })}
        {tool('右对齐', <AlignRightOutlined />, () => chain().setTextAlign('right').run(), {
          active: state.align === 'right',
        })}
        {tool('两端对齐', <MenuOutlined />, () => chain().setTextAlign('justify').run(), {
          active: state.align === 'justify',
        })}
        <Divider orientation="vertical" />
        {tool('插入或编辑链接', <LinkOutlined />, openLink, { active: state.link })}
        {tool(
          '取消链接',
          <DisconnectOutlined />,
          () => chain().extendMarkRange('link').unsetLink().run(),
          { disabled: !state.link },
        )}
        {tool('上传图片', <PictureOutlined />, () => fileInput.current?.click())}
        {tool('从媒体库选择图片', <FileImageOutlined />, () => setPickerOpen(true))}
        {state.image && (
          <Button
            size="small"
            type="text"
            aria-label="编辑图片说明（替代文字）"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setAltText((editor.getAttributes('image').alt as string | undefined) ?? '')
              setAltOpen(true)
            }}
          >
            图片说明
          </Button>
        )}
        <Divider orientation="vertical" />
        {tool('插入表格（3行3列）', <TableOutlined />, () =>
          chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        )}
        {state.table && (
          <Space size={2}>
            {tool('在下方插入行', <InsertRowBelowOutlined />, () => chain().addRowAfter().run())}
            {tool('在右侧插入列', <InsertRowRightOutlined />, () => chain().addColumnAfter().run())}
            {tool('删除当前行', <DeleteRowOutlined />, () => chain().deleteRow().run())}
            {tool('删除当前列', <DeleteColumnOutlined />, () => chain().deleteColumn().run())}
            <Button
              size="small"
              danger
              type="text"
              aria-label="删除表格"
              onClick={() => chain().deleteTable().run()}
            >
              删除表格
            </Button>
          </Space>
        )}
      </div>
      <EditorContent editor={editor} />
      <input
        ref={fileInput}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp"
        multiple
        style={{ display: 'none' }}
        data-testid="rte-image-input"
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])]
          e.target.value = ''
          if (files.length > 0) void uploadImages(files)
        }}
      />
      <MediaPicker
        open={pickerOpen}
        type="image"
        siteId={siteId}
        title="从媒体库选择图片"
        onClose={() => setPickerOpen(false)}
        onPick={(f) =>
          chain()
            .setImage({ src: f.url, alt: f.name.replace(/\.[^.]+$/, '') })
            .run()
        }
      />
      <Modal
        open={altOpen}
        title="图片说明（替代文字）"
        okText="确定"
        cancelText="取消"
        onOk={applyAlt}
        onCancel={() => setAltOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical" name="rte-alt" onFinish={applyAlt}>
          <Form.Item
            label="图片说明"
            htmlFor="rte-alt_text"
            extra="简要描述图片内容，供读屏软件朗读（无障碍要求）"
          >
            <Input
              id="rte-alt_text"
              autoFocus
              maxLength={300}
              value={altText}
              onChange={(e) => setAltText(e.target.value)}
              onPressEnter={applyAlt}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={linkOpen}
        title="插入链接"
        okText="确定"
        cancelText="取消"
        onOk={applyLink}
        onCancel={() => setLinkOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical" name="rte-link" onFinish={applyLink}>
          <Form.Item label="链接地址" htmlFor="rte-link_href" extra="留空则取消链接">
            <Input
              id="rte-link_href"
              autoFocus
              value={linkHref}
              onChange={(e) => setLinkHref(e.target.value)}
              onPressEnter={applyLink}
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}

const RTE_CSS = `
.zq-rte__content { min-height: 360px; max-height: 70vh; overflow-y: auto; padding: 12px 16px; outline: none; line-height: 1.8; font-size: 15px; }
.zq-rte__content:focus-visible { box-shadow: inset 0 0 0 2px #b4000f33; }
.zq-rte__content h1 { font-size: 1.6em; } .zq-rte__content h2 { font-size: 1.35em; } .zq-rte__content h3 { font-size: 1.15em; }
.zq-rte__content table { border-collapse: collapse; width: 100%; margin: 8px 0; table-layout: fixed; }
.zq-rte__content td, .zq-rte__content th { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; position: relative; }
.zq-rte__content th { background: #f5f5f5; }
.zq-rte__content .selectedCell { background: #b4000f14; }
.zq-rte__content img { max-width: 100%; height: auto; }
.zq-rte__content img.ProseMirror-selectednode { outline: 2px solid #b4000f; }
.zq-rte__content p.is-editor-empty:first-child::before { content: attr(data-placeholder); color: #aaa; float: left; height: 0; pointer-events: none; }
.zq-rte__content a { color: #1a4fa0; text-decoration: underline; }
`

export default RichTextEditor
