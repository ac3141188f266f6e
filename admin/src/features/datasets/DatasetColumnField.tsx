import { Form, Select } from 'antd'
import { useEffect, useState } from 'react'
import { datasetApi, type DatasetView } from './dataset-api'

/**
 * The dataset a `dataset` column shows (its `settings.datasetCode`); empty: the column lists
 * every public dataset of its site and the cluster-wide ones.
 */
export function DatasetColumnField({ siteId }: { siteId: number }) {
  const [datasets, setDatasets] = useState<DatasetView[]>([])
  const [loading, setLoading] = useState(true)
  useEffect(() => {
    let live = true
    setLoading(true)
    datasetApi
      .list(siteId)
      .then((d) => live && setDatasets(d))
      .catch(() => live && setDatasets([]))
      .finally(() => live && setLoading(false))
    return () => {
      live = false
    }
  }, [siteId])
  return (
    <Form.Item
      name="datasetCode"
      label="显示的便民数据库"
      extra="不选则列出本站和全平台公开的全部便民数据库"
    >
      <Select
        allowClear
        loading={loading}
        placeholder="全部便民数据库"
        options={datasets.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
      />
    </Form.Item>
  )
}
