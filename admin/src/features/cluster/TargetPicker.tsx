import { Alert, Form, TreeSelect } from 'antd'
import { useMemo } from 'react'
import { formErrors } from '../../api'
import type { SharingTarget } from './cluster-api'
import { chosenColumnIds, targetTree } from './target-tree'

/**
 * The `targets` field of the submit and push dialogs: a checkable tree of the sites (and their
 * columns) that take the article, with the load error, the last failure and a hint when no
 * site takes it, above.
 */
export function TargetPicker({
  targets,
  siteId,
  loading,
  error,
  failure,
  empty,
  label,
  extra,
  placeholder,
  limit,
}: {
  targets: SharingTarget[]
  /** The article's own site, left out of the tree. */
  siteId: number
  loading: boolean
  error: string | null
  failure: string | null
  /** The hint shown when no site takes the article. */
  empty: { title: string; description: string }
  label: string
  extra?: string
  placeholder: string
  /** At most this many columns at once, else `message`. */
  limit?: { max: number; message: string }
}) {
  const tree = useMemo(() => targetTree(targets, siteId), [targets, siteId])
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      {!loading && !error && tree.length === 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={empty.title}
          description={empty.description}
        />
      )}
      <Form.Item
        name="targets"
        label={label}
        extra={extra}
        rules={[
          {
            validator: (_r, v: (string | number)[] | undefined) => {
              const n = chosenColumnIds(v ?? []).length
              if (n === 0) return Promise.reject(new Error('请至少选择一个栏目'))
              if (limit && n > limit.max) return Promise.reject(new Error(limit.message))
              return Promise.resolve()
            },
          },
        ]}
      >
        <TreeSelect
          treeData={tree}
          treeCheckable
          showCheckedStrategy={TreeSelect.SHOW_CHILD}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          loading={loading}
          placeholder={placeholder}
        />
      </Form.Item>
    </>
  )
}

/**
 * A failed save's message and field errors, with the API's column list field (`apiField`)
 * shown on the picker.
 */
export function targetFormErrors(e: unknown, apiField: string) {
  const { message, fields } = formErrors(e)
  return {
    message,
    fields: fields.map((f) => ({
      ...f,
      name: f.name[0] === apiField ? ['targets'] : f.name,
    })) as never,
  }
}
