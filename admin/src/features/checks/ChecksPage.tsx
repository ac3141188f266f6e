import { Card, Result, Tabs } from 'antd'
import { useSession } from '../../shell/session'
import { LexiconTab } from './LexiconTab'
import { RulesTab } from './RulesTab'
import { TryBox } from './TryBox'

/** 内容检查: rule severities, the cluster word lists and a trial box (cluster admins). */
export default function ChecksPage() {
  const { session } = useSession()
  if (!session?.isClusterAdmin) {
    return <Result status="403" title="只有平台管理员可以设置内容检查" />
  }
  return (
    <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>内容检查</h1>}>
      <Tabs
        defaultActiveKey="rules"
        items={[
          { key: 'rules', label: '规则设置', children: <RulesTab /> },
          { key: 'lexicon', label: '词库', children: <LexiconTab /> },
          { key: 'try', label: '检查试用', children: <TryBox /> },
        ]}
      />
    </Card>
  )
}
