import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { formErrors } from '../api'
import { useSession } from './session'

export function LoginPage() {
  const { signIn } = useSession()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<{ username: string; password: string }>()

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true)
    setError(null)
    try {
      await signIn(values.username, values.password)
    } catch (e) {
      const { message, fields } = formErrors(e)
      setError(message)
      if (fields.length) form.setFields(fields)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main
      style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f3f4f6' }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center', color: '#b4000f' }}>
          站群管理后台
        </Typography.Title>
        {error && (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />
        )}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label="密码"
            name="password"
            rules={[{ required: true, message: '请输入密码' }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  )
}
