import { EyeOutlined } from '@ant-design/icons'
import { App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { LETTER_RATING_LABELS, LETTER_TYPE_LABELS } from '../../../../common/letters'
import { formatDateTime } from '../../../../common/time'
import { ApiError } from '../../api'
import { letterApi, type LetterDetail, type LetterWriter } from './letter-api'

/** The letter itself: what, where from, when, the body and its files, and who wrote it. */
export function LetterInfoCard({ letter }: { letter: LetterDetail }) {
  return (
    <Card size="small" title="来信内容">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: '查询码', children: letter.queryCode },
          {
            key: 'type',
            label: '类型',
            children: letter.typeLabel || LETTER_TYPE_LABELS[letter.type],
          },
          { key: 'mailbox', label: '信箱', children: `${letter.siteName} · ${letter.mailboxName}` },
          { key: 'category', label: '分类', children: letter.category || '—' },
          { key: 'received', label: '收信时间', children: formatDateTime(letter.receivedAt) },
          {
            key: 'replied',
            label: '答复时间',
            children: letter.repliedAt ? formatDateTime(letter.repliedAt) : '—',
          },
          { key: 'unit', label: '承办单位', children: letter.unitName || '—' },
          {
            key: 'public',
            label: '来信人意愿',
            children: letter.wantsPublic ? '同意公开' : '不同意公开',
          },
          ...(letter.source ? [{ key: 'source', label: '来源', children: letter.source }] : []),
          ...(letter.mergedInto
            ? [
                {
                  key: 'merged',
                  label: '已并入',
                  children: (
                    <Link to={`/letters/${letter.mergedInto.id}`}>
                      {letter.mergedInto.queryCode}
                    </Link>
                  ),
                },
              ]
            : []),
          ...(letter.rating
            ? [
                {
                  key: 'rating',
                  label: '来信人评价',
                  children: (
                    <>
                      {LETTER_RATING_LABELS[letter.rating]}
                      {letter.ratedAt && `（${formatDateTime(letter.ratedAt)}）`}
                      {letter.ratingComment && `：${letter.ratingComment}`}
                    </>
                  ),
                },
              ]
            : letter.ratingUntil
              ? [
                  {
                    key: 'rating',
                    label: '来信人评价',
                    children: `尚未评价，评价期至 ${formatDateTime(letter.ratingUntil)}`,
                  },
                ]
              : []),
          ...(letter.reopened
            ? [{ key: 'reopened', label: '重办', children: <Tag>不满意重办</Tag> }]
            : []),
        ]}
      />
      <WriterBlock letter={letter} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        来信正文
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{letter.body}</Typography.Paragraph>
      {letter.publicNote && (
        <Typography.Paragraph type="secondary">
          给来信人的说明：{letter.publicNote}
        </Typography.Paragraph>
      )}
      {letter.files.length > 0 && (
        <>
          <Typography.Title level={5}>附件</Typography.Title>
          <ul style={{ paddingLeft: 20, margin: 0 }}>
            {letter.files.map((f) => (
              <li key={f.id}>
                <a href={f.url} target="_blank" rel="noreferrer">
                  {f.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  )
}

/** The writer, masked; the desk and the unit may reveal the full details (audit-logged). */
function WriterBlock({ letter }: { letter: LetterDetail }) {
  const { message } = App.useApp()
  const [revealed, setRevealed] = useState<LetterWriter | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => setRevealed(null), [letter.id])
  const writer = revealed ?? letter.writer

  const reveal = async () => {
    setBusy(true)
    try {
      setRevealed(await letterApi.writer(letter.id))
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '来信人信息加载失败')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-label="来信人" style={{ marginTop: 12 }}>
      <Descriptions
        size="small"
        title={<span style={{ fontSize: 14 }}>来信人{revealed ? '' : '（已遮盖）'}</span>}
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'name', label: '姓名', children: writer.name || '—' },
          { key: 'mobile', label: '手机', children: writer.mobile || '—' },
          { key: 'email', label: '电子邮箱', children: writer.email || '—' },
        ]}
      />
      {letter.canRevealWriter && !revealed && (
        <Space wrap>
          <Button size="small" icon={<EyeOutlined />} loading={busy} onClick={() => void reveal()}>
            查看来信人信息
          </Button>
          <Typography.Text type="secondary">查看完整信息会记入操作日志，请勿外传。</Typography.Text>
        </Space>
      )}
      {revealed && (
        <Typography.Text type="secondary" role="status">
          已显示完整信息，本次查看已记录。
        </Typography.Text>
      )}
    </section>
  )
}
