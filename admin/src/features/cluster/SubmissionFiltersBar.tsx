import { Button, DatePicker, Form, Input, Select } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import type { SubmissionStatus } from '../../../../common/cluster'
import { SiteTreeSelect } from '../letters/LetterTags'
import { submissionStatusOptions } from './cluster-labels'

export interface SubmissionFilters {
  siteId?: number
  status?: SubmissionStatus
  q?: string
  from?: string
  to?: string
}

/** The filters of 报送信息 and 报送收件箱; every change applies at once (the keyword on Enter). */
export function SubmissionFiltersBar({
  name,
  siteLabel,
  filters,
  onChange,
}: {
  name: string
  siteLabel: string
  filters: SubmissionFilters
  onChange: (next: SubmissionFilters) => void
}) {
  const [q, setQ] = useState(filters.q ?? '')
  useEffect(() => setQ(filters.q ?? ''), [filters.q])
  const set = (change: Partial<SubmissionFilters>) => onChange({ ...filters, ...change })
  const isFiltered = Object.values(filters).some((v) => v !== undefined && v !== '')

  return (
    <Form layout="inline" name={name} style={{ rowGap: 8 }}>
      <Form.Item label={siteLabel} htmlFor={`${name}-site`}>
        <SiteTreeSelect
          id={`${name}-site`}
          placeholder="我的全部站点"
          value={filters.siteId}
          onChange={(siteId) => set({ siteId })}
        />
      </Form.Item>
      <Form.Item label="状态" htmlFor={`${name}-status`}>
        <Select
          id={`${name}-status`}
          allowClear
          style={{ width: 140 }}
          placeholder="全部状态"
          options={submissionStatusOptions()}
          value={filters.status}
          onChange={(status?: SubmissionStatus) => set({ status })}
        />
      </Form.Item>
      <Form.Item label="报送日期" htmlFor={`${name}-range`}>
        <DatePicker.RangePicker
          id={`${name}-range`}
          allowEmpty={[true, true]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(v) =>
            set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })
          }
        />
      </Form.Item>
      <Form.Item label="关键词" htmlFor={`${name}-q`}>
        <Input.Search
          id={`${name}-q`}
          allowClear
          style={{ width: 220 }}
          placeholder="标题"
          enterButton="搜索"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
      </Form.Item>
      {isFiltered && (
        <Form.Item>
          <Button onClick={() => onChange({})}>清除筛选</Button>
        </Form.Item>
      )}
    </Form>
  )
}
