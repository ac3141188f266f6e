import { Alert, App, Button, Card, Form, Input } from 'antd'
import { useState } from 'react'
import { api, formErrors } from '../api'
import { useSession } from './session'

interface Values {
  oldPassword: string
  newPassword: string
  confirm: string
}

/** Change one's own password; `forced` after a reset or a generated initial password. */
export function PasswordPage({ forced = false }: { forced?: boolean }) {
  const { refresh } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [error, setError] = useState<string | null>(null)
  const submit = async (v: Values) => {
    setError(null)
    try {
      await api.post('/me/password', { oldPassword: v.oldPassword, newPassword: v.newPassword })
      message.success('密码已修改')
      form.resetFields()
      await refresh()
    } catch (e) {
      const r = formErrors(e)
      setError(r.message)
      form.setFields(r.fields)
    }
  }
  return (
    <main style={{ display: 'grid', placeItems: 'center', padding: 24 }}>
      <Card title={forced ? '首次登录请修改密码' : '修改密码'} style={{ width: 420 }}>
        {error && (
          <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            label="原密码"
            name="oldPassword"
            rules={[{ required: true, message: '请输入原密码' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少 8 位，须同时包含字母和数字"
            rules={[{ required: true, message: '请输入新密码' }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            保存新密码
          </Button>
        </Form>
      </Card>
    </main>
  )
}
