import { AimOutlined, CheckCircleOutlined, SwapOutlined } from '@ant-design/icons'
import { Button, Empty, Space, Tag, Typography } from 'antd'
import type { Finding } from './review-api'
import {
  FINDING_FIELD_LABELS,
  groupFindings,
  replacementOf,
  ruleLabel,
  SEVERITY_LABELS,
} from './review-labels'

const SEVERITY_COLORS = { blocking: '#a8071a', warning: '#ad4e00' } as const

/**
 * Content-check findings grouped by severity (blocking first): rule, field, excerpt, message and
 * suggested fix. With `onLocate`, each body/title finding gets a 定位 button; with `onReplace`,
 * findings that name a replacement get 替换为 X.
 */
export function FindingsList({
  findings,
  onLocate,
  onReplace,
}: {
  findings: Finding[]
  onLocate?: (f: Finding) => void
  onReplace?: (f: Finding, replacement: string) => void
}) {
  if (findings.length === 0) {
    return (
      <Empty
        image={<CheckCircleOutlined style={{ fontSize: 32, color: '#237804' }} />}
        description="未发现问题"
      />
    )
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {groupFindings(findings).map((g) => (
        <section
          key={g.severity}
          aria-label={`${SEVERITY_LABELS[g.severity]}（${g.items.length}）`}
        >
          <Typography.Title level={5} style={{ color: SEVERITY_COLORS[g.severity], marginTop: 0 }}>
            {g.severity === 'blocking' ? '✖ ' : '⚠ '}
            {SEVERITY_LABELS[g.severity]}（{g.items.length}）
          </Typography.Title>
          <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {g.items.map((f, i) => {
              const replacement =
                onReplace && (f.field === 'body' || f.field === 'title') ? replacementOf(f) : null
              return (
                <li
                  key={`${f.rule}-${f.field}-${f.offset}-${i}`}
                  style={{ borderBottom: '1px solid #f0f0f0', padding: '8px 0' }}
                >
                  <Space size={4} wrap>
                    <Tag color={SEVERITY_COLORS[f.severity]}>{ruleLabel(f.rule)}</Tag>
                    <Tag>
                      {FINDING_FIELD_LABELS[f.field] ?? f.field}
                      {f.attachment ? `：${f.attachment}` : ''}
                    </Tag>
                    {f.excerpt && (
                      <Typography.Text mark style={{ wordBreak: 'break-all' }}>
                        {f.excerpt}
                      </Typography.Text>
                    )}
                  </Space>
                  <div>{f.message}</div>
                  {f.suggestion && (
                    <Typography.Text type="secondary">建议：{f.suggestion}</Typography.Text>
                  )}
                  {(onLocate || replacement) && (
                    <Space size={4} style={{ display: 'flex', marginTop: 4 }}>
                      {onLocate &&
                        f.field !== 'attachment' &&
                        f.field !== 'publishedAt' &&
                        f.excerpt && (
                          <Button
                            size="small"
                            icon={<AimOutlined />}
                            aria-label={`在${FINDING_FIELD_LABELS[f.field]}中定位“${f.excerpt}”`}
                            onClick={() => onLocate(f)}
                          >
                            定位
                          </Button>
                        )}
                      {replacement && onReplace && (
                        <Button
                          size="small"
                          icon={<SwapOutlined />}
                          aria-label={`将“${f.excerpt}”替换为“${replacement}”`}
                          onClick={() => onReplace(f, replacement)}
                        >
                          替换为 {replacement}
                        </Button>
                      )}
                    </Space>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      ))}
    </Space>
  )
}
