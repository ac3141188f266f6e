import { Descriptions, Empty, Space, Typography } from 'antd'
import type { CSSProperties } from 'react'
import type { Diff } from './review-api'
import { SrOnly } from './SrOnly'

const INS: CSSProperties = {
  background: '#d9f7be',
  color: '#135200',
  textDecoration: 'underline',
  textDecorationThickness: 2,
}
const DEL: CSSProperties = {
  background: '#ffccc7',
  color: '#820014',
  textDecoration: 'line-through',
}

/** Inserted and deleted text, marked by <ins>/<del> (underline/strike), not by colour alone. */
function Ins({ text }: { text: string }) {
  return (
    <ins style={INS}>
      <SrOnly>【新增】</SrOnly>
      {text}
    </ins>
  )
}
function Del({ text }: { text: string }) {
  return (
    <del style={DEL}>
      <SrOnly>【删除】</SrOnly>
      {text}
    </del>
  )
}

/** A server-computed comparison: changed fields, then the body text with insertions/deletions. */
export function DiffView({
  diff,
  fromLabel,
  toLabel,
}: {
  diff: Diff
  fromLabel: string
  toLabel: string
}) {
  const bodyChanged = diff.body.some((c) => c.op !== 'equal')
  if (diff.fields.length === 0 && !bodyChanged) return <Empty description="两个版本内容相同" />
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        图例：
        <Ins text="新增的文字" /> <Del text="删除的文字" />（{fromLabel} → {toLabel}）
      </Typography.Text>
      {diff.fields.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={1}
          title="字段变化"
          styles={{ label: { width: 120 } }}
          items={diff.fields.map((f) => ({
            key: f.field,
            label: f.label,
            children: (
              <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {f.from && <Del text={f.from} />}
                {f.from && f.to && ' → '}
                {f.to && <Ins text={f.to} />}
              </span>
            ),
          }))}
        />
      )}
      {bodyChanged && (
        <section aria-label="正文变化">
          <Typography.Title level={5}>正文变化</Typography.Title>
          <div
            style={{
              whiteSpace: 'pre-wrap',
              lineHeight: 1.9,
              border: '1px solid #f0f0f0',
              borderRadius: 4,
              padding: 12,
              maxHeight: '60vh',
              overflowY: 'auto',
            }}
          >
            {diff.body.map((c, i) =>
              c.op === 'insert' ? (
                <Ins key={i} text={c.text} />
              ) : c.op === 'delete' ? (
                <Del key={i} text={c.text} />
              ) : (
                <span key={i} style={c.text === '…' ? { color: '#8c8c8c' } : undefined}>
                  {c.text}
                </span>
              ),
            )}
          </div>
        </section>
      )}
    </Space>
  )
}
