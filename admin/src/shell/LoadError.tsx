import { Alert, Button } from 'antd'

/** A list that failed to load: the Chinese reason, announced to screen readers, and a retry. */
export function LoadError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  if (!error) return null
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={error}
      style={{ marginBottom: 16 }}
      action={
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      }
    />
  )
}
