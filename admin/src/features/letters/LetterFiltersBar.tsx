import { Button, DatePicker, Form, Input, Select } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState } from 'react'
import {
  LETTER_STATE_LABELS,
  LETTER_STATES,
  LETTER_TYPE_LABELS,
  LETTER_TYPES,
} from '../../../../common/letters'
import type { LetterFilters } from './letter-filters'
import { hasFilters } from './letter-filters'
import { DUE_FILTER_LABELS, DUE_FILTERS } from './letter-labels'
import { SiteTreeSelect } from './LetterTags'
import { useMailboxOptions } from './useMailboxOptions'

const STATE_OPTIONS = LETTER_STATES.map((s) => ({ value: s, label: LETTER_STATE_LABELS[s] }))
const TYPE_OPTIONS = LETTER_TYPES.map((t) => ({ value: t, label: LETTER_TYPE_LABELS[t] }))
const DUE_OPTIONS = DUE_FILTERS.map((d) => ({ value: d, label: DUE_FILTER_LABELS[d] }))

/** The filters of 来信办理; every change applies at once (the keyword on Enter or 搜索). */
export function LetterFiltersBar({
  filters,
  onChange,
}: {
  filters: LetterFilters
  onChange: (change: Partial<LetterFilters>) => void
}) {
  const mailboxes = useMailboxOptions(filters.siteId)
  const [q, setQ] = useState(filters.q ?? '')
  useEffect(() => setQ(filters.q ?? ''), [filters.q])

  return (
    <Form layout="inline" name="letter-filters" style={{ rowGap: 8 }}>
      <Form.Item label="站点" htmlFor="letter-filter-site">
        <SiteTreeSelect
          id="letter-filter-site"
          placeholder="全部站点"
          value={filters.siteId}
          onChange={(siteId) => onChange({ siteId })}
        />
      </Form.Item>
      <Form.Item label="信箱" htmlFor="letter-filter-mailbox">
        <Select
          id="letter-filter-mailbox"
          allowClear
          style={{ width: 180 }}
          placeholder={filters.siteId ? '全部信箱' : '请先选择站点'}
          disabled={!filters.siteId}
          loading={mailboxes.loading}
          options={mailboxes.options}
          value={filters.mailboxId}
          onChange={(mailboxId?: number) => onChange({ mailboxId })}
        />
      </Form.Item>
      <Form.Item label="承办单位" htmlFor="letter-filter-unit">
        <SiteTreeSelect
          units
          id="letter-filter-unit"
          placeholder="全部单位"
          value={filters.unitSiteId}
          onChange={(unitSiteId) => onChange({ unitSiteId })}
        />
      </Form.Item>
      <Form.Item label="状态" htmlFor="letter-filter-state">
        <Select
          id="letter-filter-state"
          allowClear
          style={{ width: 140 }}
          placeholder="全部状态"
          options={STATE_OPTIONS}
          value={filters.state}
          onChange={(state?: LetterFilters['state']) => onChange({ state })}
        />
      </Form.Item>
      <Form.Item label="类型" htmlFor="letter-filter-type">
        <Select
          id="letter-filter-type"
          allowClear
          style={{ width: 110 }}
          placeholder="全部类型"
          options={TYPE_OPTIONS}
          value={filters.type}
          onChange={(type?: LetterFilters['type']) => onChange({ type })}
        />
      </Form.Item>
      <Form.Item label="期限" htmlFor="letter-filter-due">
        <Select
          id="letter-filter-due"
          allowClear
          style={{ width: 170 }}
          placeholder="不限"
          options={DUE_OPTIONS}
          value={filters.due}
          onChange={(due?: LetterFilters['due']) => onChange({ due })}
        />
      </Form.Item>
      <Form.Item label="收信日期" htmlFor="letter-filter-received">
        <DatePicker.RangePicker
          id="letter-filter-received"
          allowEmpty={[true, true]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(v) =>
            onChange({
              from: v?.[0]?.format('YYYY-MM-DD'),
              to: v?.[1]?.format('YYYY-MM-DD'),
            })
          }
        />
      </Form.Item>
      <Form.Item label="关键词" htmlFor="letter-filter-q">
        <Input.Search
          id="letter-filter-q"
          allowClear
          style={{ width: 240 }}
          placeholder="标题或查询码"
          enterButton="搜索"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => onChange({ q: v })}
        />
      </Form.Item>
      {hasFilters(filters) && (
        <Form.Item>
          <Button
            onClick={() =>
              onChange({
                siteId: undefined,
                mailboxId: undefined,
                unitSiteId: undefined,
                state: undefined,
                type: undefined,
                due: undefined,
                q: undefined,
                from: undefined,
                to: undefined,
              })
            }
          >
            清除筛选
          </Button>
        </Form.Item>
      )}
    </Form>
  )
}
