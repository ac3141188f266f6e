import { ArrowLeftOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Col, Result, Row, Space, Spin, Tag, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { LETTER_RED_FLAG_MONTHS } from '../../../../common/letters'
import { ApiError } from '../../api'
import {
  announceLettersChanged,
  letterApi,
  type LetterAction,
  type LetterDetail,
} from './letter-api'
import { ACTION_LABELS, barActions, isDanger, isSecondary } from './letter-actions'
import { LetterActionModal } from './LetterActionModal'
import { LetterInfoCard } from './LetterInfoCard'
import { LetterPublishCard } from './LetterPublishCard'
import { LetterReplyCard } from './LetterReplyCard'
import { LetterStagesTable } from './LetterStagesTable'
import { DueCell, StateTag } from './LetterTags'
import { LetterTimeline } from './LetterTimeline'
import { ToQuestionButton } from '../questions/ToQuestionButton'

const EXTENSION_TEXT = {
  pending: '延期申请待审批',
  granted: '延期已批准',
  refused: '延期申请未获批准',
} as const

/** One letter: content, writer, deadlines, history, reply, publication and what I may do now. */
export default function LetterDetailPage() {
  const { id } = useParams()
  const letterId = Number(id)
  const navigate = useNavigate()
  const location = useLocation()
  const { message } = App.useApp()
  const [letter, setLetter] = useState<LetterDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [action, setAction] = useState<LetterAction | null>(null)
  // Back to the list as it was (the inbox keeps its box and filters in the address).
  const back = (location.state as { from?: string } | null)?.from ?? '/letters'

  const load = useCallback(async () => {
    setError(null)
    try {
      setLetter(await letterApi.detail(letterId))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '来信加载失败')
    }
  }, [letterId])

  useEffect(() => {
    void load()
  }, [load])

  const done = (detail: LetterDetail, a: LetterAction) => {
    setAction(null)
    setLetter(detail)
    announceLettersChanged()
    message.success(`已${ACTION_LABELS[a]}`)
  }

  const failed = async (text: string) => {
    setAction(null)
    message.error(text)
    // The letter may have moved on meanwhile (someone else acted): show where it stands now.
    await load()
  }

  if (error) {
    return (
      <Result
        status="warning"
        title={error}
        extra={
          <Space>
            <Button onClick={() => void load()}>重试</Button>
            <Button onClick={() => navigate(back)}>返回来信办理</Button>
          </Space>
        }
      />
    )
  }
  if (!letter) return <Spin description="加载中" />

  const bar = barActions(letter.actions)
  const ext = letter.extension
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Link to={back}>
          <ArrowLeftOutlined /> 来信办理
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {letter.subject || '（无标题）'}
        </Typography.Title>
        <StateTag state={letter.state} label={letter.stateLabel} />
        {letter.published && <Tag>已公开</Tag>}
      </Space>
      <Card size="small">
        <Space wrap size="large" align="start">
          <span>
            <Typography.Text type="secondary">查询码 </Typography.Text>
            {letter.queryCode}
          </span>
          <span>
            <Typography.Text type="secondary">当前期限 </Typography.Text>
            <DueCell dueAt={letter.dueAt} dueStatus={letter.dueStatus} redFlag={letter.redFlag} />
          </span>
          {ext && (
            <span>
              <Tag color={ext.status === 'refused' ? 'default' : '#0050b3'}>
                {EXTENSION_TEXT[ext.status]}
              </Tag>
              {ext.days} 个工作日{ext.reason && `：${ext.reason}`}
            </span>
          )}
        </Space>
        <div role="group" aria-label="办理操作" style={{ marginTop: 12 }}>
          {bar.length > 0 ? (
            <Space wrap>
              {bar.map((a, i) => (
                <Button
                  key={a}
                  type={i === 0 && !isDanger(a) && !isSecondary(a) ? 'primary' : 'default'}
                  danger={isDanger(a)}
                  onClick={() => setAction(a)}
                >
                  {ACTION_LABELS[a]}
                </Button>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">您当前没有可对这封来信进行的操作。</Typography.Text>
          )}
          <span style={{ marginLeft: 8 }}>
            <ToQuestionButton letterId={letter.id} state={letter.state} />
          </span>
        </div>
      </Card>
      {letter.redFlag && (
        <Alert
          type="error"
          showIcon
          title={`这封来信收到已超过 ${LETTER_RED_FLAG_MONTHS} 个月仍未办结，请立即督办。`}
        />
      )}
      <Card size="small" title="办理环节与期限">
        <LetterStagesTable stages={letter.stages} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <LetterInfoCard letter={letter} />
            <LetterReplyCard letter={letter} onDone={done} />
            <LetterPublishCard
              letter={letter}
              onDone={done}
              onUnpublish={() => setAction('unpublish')}
            />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title="办理记录">
              <LetterTimeline events={letter.events} />
            </Card>
          </Space>
        </Col>
      </Row>
      <LetterActionModal
        letter={letter}
        action={action}
        onCancel={() => setAction(null)}
        onDone={done}
        onFailed={(text) => void failed(text)}
      />
    </Space>
  )
}
