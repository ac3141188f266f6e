import { EyeOutlined } from '@ant-design/icons'
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import type { AggregateRule } from '../../../../common/cluster'
import { SITE_KIND_LABELS, SITE_KINDS } from '../../../../common/enums'
import { ApiError } from '../../api'
import { loadColumns } from '../articles/article-api'
import { GROUPING_SUGGESTIONS, hasSourceFilter, normaliseRule } from './aggregate-rule'
import { AggregatePreview, type PreviewResult } from './AggregatePreview'
import { clusterApi } from './cluster-api'
import { useClusterSites } from './useClusterSites'

/**
 * The rule of an aggregate column (`settings.aggregate`), as a controlled form value: which
 * sites and columns it gathers from, tag and date filters, and a preview of what it matches.
 */
export function AggregateRuleEditor({
  value,
  onChange,
  siteId,
  columnId,
  disabled,
}: {
  value?: AggregateRule
  onChange?: (rule: AggregateRule) => void
  siteId: number
  columnId?: number
  disabled?: boolean
}) {
  const rule = useMemo(() => normaliseRule(value), [value])
  const sites = useClusterSites()
  const [browseSite, setBrowseSite] = useState<number | undefined>()
  const [columnLabels, setColumnLabels] = useState<Map<number, string>>(new Map())
  const [browseColumns, setBrowseColumns] = useState<{ value: number; label: string }[]>([])
  const [previewing, setPreviewing] = useState(false)
  const [preview, setPreview] = useState<PreviewResult | null>(null)
  const [previewError, setPreviewError] = useState<string | null>(null)
  const set = (change: Partial<AggregateRule>) => onChange?.({ ...rule, ...change })

  // A fresh column: forget the previous one's preview.
  useEffect(() => {
    setPreview(null)
    setPreviewError(null)
  }, [columnId])

  useEffect(() => {
    if (!browseSite) return setBrowseColumns([])
    let live = true
    const site = sites.find((s) => s.id === browseSite)
    loadColumns(browseSite)
      .then((cols) => {
        if (!live) return
        const opts = cols
          .filter((c) => c.type === 'list')
          .map((c) => ({
            value: c.id,
            label: `${site?.shortName || site?.name || ''} · ${c.name}`,
          }))
        setBrowseColumns(opts)
        setColumnLabels((m) => new Map([...m, ...opts.map((o) => [o.value, o.label] as const)]))
      })
      .catch(() => live && setBrowseColumns([]))
    return () => {
      live = false
    }
  }, [browseSite, sites])

  const siteOptions = useMemo(() => sites.map((s) => ({ value: s.id, label: s.name })), [sites])
  const groupingOptions = useMemo(
    () =>
      [...new Set([...GROUPING_SUGGESTIONS, ...sites.map((s) => s.grouping).filter(Boolean)])].map(
        (g) => ({ value: g, label: g }),
      ),
    [sites],
  )
  // Chosen columns first (named when known), then those of the site being browsed.
  const columnOptions = useMemo(() => {
    const chosen = rule.columnIds.map((id) => ({
      value: id,
      label: columnLabels.get(id) ?? `栏目 #${id}`,
    }))
    const ids = new Set(rule.columnIds)
    return [...chosen, ...browseColumns.filter((o) => !ids.has(o.value))]
  }, [rule.columnIds, columnLabels, browseColumns])

  const runPreview = async () => {
    setPreviewing(true)
    setPreviewError(null)
    try {
      const res = await clusterApi.preview({ siteId, columnId, rule })
      setPreview(res)
      setColumnLabels(
        (m) =>
          new Map([
            ...m,
            ...res.sources
              .filter((s) => s.columnId !== null)
              .map((s) => [s.columnId as number, `${s.siteName} · ${s.columnName}`] as const),
          ]),
      )
    } catch (e) {
      setPreview(null)
      setPreviewError(e instanceof ApiError ? e.message : '预览失败，请稍后重试')
    } finally {
      setPreviewing(false)
    }
  }

  const id = (k: string) => `aggregate-${k}`
  return (
    <Card size="small" title="聚合规则" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        从其他栏目按规则汇集信息，不复制内容；各条件同时满足，不填即不限。
      </Typography.Paragraph>
      {!hasSourceFilter(rule) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚未限定站点或栏目，将汇集站群内所有文章列表栏目的信息。"
        />
      )}
      <Form.Item label="站点类型">
        <div role="group" aria-label="站点类型">
          <Checkbox.Group
            disabled={disabled}
            value={rule.siteKinds}
            onChange={(v) => set({ siteKinds: v })}
            options={SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }))}
          />
        </div>
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="站点分组" htmlFor={id('groupings')}>
            <Select
              id={id('groupings')}
              mode="tags"
              disabled={disabled}
              value={rule.groupings}
              onChange={(v: string[]) => set({ groupings: v })}
              options={groupingOptions}
              placeholder="如：部门、乡镇"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="栏目标识" htmlFor={id('slugs')} extra="各站点中标识相同的栏目，如 gzdt">
            <Select
              id={id('slugs')}
              mode="tags"
              disabled={disabled}
              value={rule.columnSlugs}
              onChange={(v: string[]) => set({ columnSlugs: v })}
              open={false}
              placeholder="输入后回车"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="指定站点" htmlFor={id('sites')}>
        <Select
          id={id('sites')}
          mode="multiple"
          disabled={disabled}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={rule.siteIds}
          onChange={(v: number[]) => set({ siteIds: v })}
          options={siteOptions}
          placeholder="不限"
        />
      </Form.Item>
      <Form.Item
        label="指定栏目"
        htmlFor={id('columns')}
        extra="先选择站点，再勾选该站点的栏目；可从多个站点选择"
      >
        <Row gutter={8}>
          <Col span={9}>
            <Select
              aria-label="浏览站点的栏目"
              disabled={disabled}
              showSearch={{ optionFilterProp: 'label' }}
              value={browseSite}
              onChange={(v: number) => setBrowseSite(v)}
              options={siteOptions}
              placeholder="选择站点"
              style={{ width: '100%' }}
            />
          </Col>
          <Col span={15}>
            <Select
              id={id('columns')}
              mode="multiple"
              disabled={disabled}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={rule.columnIds}
              onChange={(v: number[]) => set({ columnIds: v })}
              options={columnOptions}
              placeholder="不限"
            />
          </Col>
        </Row>
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="包含子栏目" htmlFor={id('children')}>
            <Switch
              id={id('children')}
              disabled={disabled}
              checked={rule.includeChildren}
              onChange={(v) => set({ includeChildren: v })}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="标签" htmlFor={id('tags')} extra="匹配信息的关键词">
            <Select
              id={id('tags')}
              mode="tags"
              disabled={disabled}
              value={rule.tags}
              onChange={(v: string[]) => set({ tags: v })}
              open={false}
              placeholder="输入后回车"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item label="近 N 天" htmlFor={id('days')} extra="0 表示不限">
            <InputNumber
              id={id('days')}
              disabled={disabled}
              min={0}
              max={3650}
              precision={0}
              value={rule.withinDays}
              onChange={(v) => set({ withinDays: v ?? 0 })}
              suffix="天"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="起始日期" htmlFor={id('since')}>
            <DatePicker
              id={id('since')}
              disabled={disabled}
              value={rule.since ? dayjs(rule.since) : null}
              onChange={(d) => set({ since: d ? d.format('YYYY-MM-DD') : '' })}
              placeholder="不限"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button icon={<EyeOutlined />} loading={previewing} onClick={() => void runPreview()}>
        预览
      </Button>
      <div style={{ marginTop: 12 }}>
        <AggregatePreview result={preview} error={previewError} />
      </div>
    </Card>
  )
}
