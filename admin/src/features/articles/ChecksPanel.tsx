import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Typography } from 'antd'
import { FindingsList } from '../review/FindingsList'
import type { Finding } from '../review/review-api'

/** Where the findings on show came from. */
export type FindingsSource = 'manual' | 'saved' | 'blocked' | null

/**
 * 内容检查: runs the checks on demand and shows findings (also those a save or submit was
 * refused for); 定位 selects the excerpt in the editor, 替换为 fixes a wrong word in place.
 */
export function ChecksPanel({
  findings,
  source,
  running,
  onRun,
  onLocate,
  onReplace,
}: {
  findings: Finding[] | null
  source: FindingsSource
  running: boolean
  onRun: () => void
  onLocate: (f: Finding) => void
  onReplace: (f: Finding, replacement: string) => void
}) {
  const blocking = findings?.filter((f) => f.severity === 'blocking').length ?? 0
  return (
    <Card
      size="small"
      title={findings ? `内容检查（${findings.length}）` : '内容检查'}
      extra={
        <Button size="small" icon={<SafetyCertificateOutlined />} loading={running} onClick={onRun}>
          {findings ? '重新检查' : '检查'}
        </Button>
      }
      style={{ marginBottom: 16 }}
    >
      <div aria-live="polite">
        {source === 'blocked' && blocking > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 8 }}
            title={`有 ${blocking} 个须修改的问题，修改后才能提交或发布`}
          />
        )}
        {source === 'saved' && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            以下为刚才保存内容的检查结果。
          </Typography.Paragraph>
        )}
        {findings ? (
          <div style={{ maxHeight: 480, overflowY: 'auto' }}>
            <FindingsList findings={findings} onLocate={onLocate} onReplace={onReplace} />
          </div>
        ) : (
          <Typography.Text type="secondary">
            检查敏感词、错别字、重要表述、个人信息等；保存和提交时也会自动检查。
          </Typography.Text>
        )}
      </div>
    </Card>
  )
}
