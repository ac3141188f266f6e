import { ArrowLeftOutlined } from '@ant-design/icons'
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  TreeSelect,
  Typography,
} from 'antd'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { QUESTION_LIMITS as L, type QuestionStatus } from '../../../../common/questions'
import { ApiError, formErrors } from '../../api'
import { siteTree } from '../../shell/AppLayout'
import { useSession } from '../../shell/session'
import { questionApi, type PolicyOption, type QuestionDetail } from './question-api'
import {
  formValues,
  keepableSiteIds,
  questionInput,
  type QuestionFormValues,
} from './question-form'

/** 编辑热点解答: question, answer, unit, topics, related service items and policies. */
export default function QuestionEditorPage() {
  const { id } = useParams()
  const isNew = id === undefined || id === 'new'
  const questionId = isNew ? null : Number(id)
  const navigate = useNavigate()
  const { message } = App.useApp()
  const { session, sites, site } = useSession()
  const [form] = Form.useForm<QuestionFormValues>()
  const [entry, setEntry] = useState<QuestionDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [topics, setTopics] = useState<string[]>([])
  const [policies, setPolicies] = useState<PolicyOption[]>([])
  const keepable = useMemo(() => {
    const ids = new Set(
      keepableSiteIds(
        session,
        sites.map((s) => s.id),
      ),
    )
    return sites.filter((s) => ids.has(s.id))
  }, [session, sites])
  const tree = useMemo(() => siteTree(keepable), [keepable])

  const load = useCallback(async () => {
    setError(null)
    if (questionId === null) {
      const unit = keepable.find((s) => s.id === site?.id) ?? keepable[0]
      form.setFieldsValue({ unitSiteId: unit?.id, sort: 0, isHot: false })
      return
    }
    try {
      const q = await questionApi.get(questionId)
      setEntry(q)
      form.setFieldsValue(formValues(q))
      setPolicies(
        q.policies.map((p) => ({ id: p.id, title: p.title, siteName: '', publishedAt: null })),
      )
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '热点解答加载失败')
    }
  }, [questionId, keepable, site, form])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    questionApi
      .topics()
      .then((list) => setTopics(list.map((t) => t.topic)))
      .catch(() => setTopics([]))
  }, [])

  const searchPolicies = async (q: string) => {
    try {
      const found = await questionApi.policyOptions(q)
      const chosen = new Set<number>(form.getFieldValue('policyIds') ?? [])
      setPolicies((old) => [...old.filter((p) => chosen.has(p.id)), ...found])
    } catch {
      // The picker keeps what it had; the editor still works.
    }
  }

  const save = async (status: QuestionStatus) => {
    let values: QuestionFormValues
    try {
      values = await form.validateFields()
    } catch {
      message.error('请检查标红的字段')
      return
    }
    setSaving(true)
    try {
      const input = questionInput(values, status)
      const saved =
        questionId === null
          ? await questionApi.create(input)
          : await questionApi.update(questionId, input)
      message.success(status === 'published' ? '已保存并发布' : '已保存为草稿')
      setEntry(saved)
      if (questionId === null) navigate(`/questions/${saved.id}`, { replace: true })
    } catch (e) {
      const r = formErrors(e)
      form.setFields(r.fields)
      message.error(r.message)
    } finally {
      setSaving(false)
    }
  }

  const remove = async () => {
    if (questionId === null) return
    try {
      await questionApi.remove(questionId)
      message.success('已删除')
      navigate('/questions')
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '删除失败，请稍后重试')
    }
  }

  if (error) {
    return (
      <Result
        status="warning"
        title={error}
        extra={<Button onClick={() => navigate('/questions')}>返回热点解答</Button>}
      />
    )
  }
  if (!isNew && !entry) return <Spin description="加载中" />
  const isPublished = entry?.status === 'published'

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 960 }}>
      <Space wrap align="center">
        <Link to="/questions">
          <ArrowLeftOutlined /> 热点解答
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {isNew ? '新建问答' : '编辑问答'}
        </Typography.Title>
        {entry && <Tag color={isPublished ? '#237804' : 'default'}>{entry.statusLabel}</Tag>}
      </Space>
      {entry?.letterId != null && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              本条由<Link to={`/letters/${entry.letterId}`}>来信</Link>
              转来，内容已按公开要求去除个人信息；发布前请再核对并精简问题和答复。
            </span>
          }
        />
      )}
      <Card size="small">
        <Form form={form} layout="vertical" name="question-editor" disabled={saving}>
          <Form.Item
            name="unitSiteId"
            label="责任单位"
            rules={[{ required: true, message: '请选择责任单位' }]}
          >
            <TreeSelect
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              treeData={tree}
            />
          </Form.Item>
          <Form.Item
            name="question"
            label="问题"
            rules={[
              { required: true, whitespace: true, message: '请填写问题' },
              { max: L.questionMax, message: `问题不能超过 ${L.questionMax} 个字` },
            ]}
          >
            <Input showCount maxLength={L.questionMax} />
          </Form.Item>
          <Form.Item name="detail" label="问题说明（可选）">
            <Input.TextArea rows={3} showCount maxLength={L.detailMax} />
          </Form.Item>
          <Form.Item name="answer" label="答复" extra="纯文本，换行即分段。发布前必须填写。">
            <Input.TextArea rows={10} showCount maxLength={L.answerMax} />
          </Form.Item>
          <Form.Item name="topics" label="主题" extra={`最多 ${L.topicsPerEntry} 个，输入后回车`}>
            <Select mode="tags" options={topics.map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item
            name="serviceCodes"
            label="相关办事事项（事项编码）"
            extra="输入办事事项的编码后回车；办事指南页面会列出相关问答。"
          >
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="policyIds" label="相关政策（已发布信息）">
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              placeholder="输入标题关键词查找"
              onSearch={(q) => void searchPolicies(q)}
              onFocus={() => void searchPolicies('')}
              options={policies.map((p) => ({
                value: p.id,
                label: p.siteName ? `${p.title}（${p.siteName}）` : p.title,
              }))}
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="isHot" label="设为热点" valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="sort" label="排序（数字大者在前）">
              <InputNumber min={-100000} max={100000} precision={0} />
            </Form.Item>
          </Space>
        </Form>
        <Space wrap>
          <Button type="primary" loading={saving} onClick={() => void save('published')}>
            {isPublished ? '保存' : '保存并发布'}
          </Button>
          <Button loading={saving} onClick={() => void save('draft')}>
            {isPublished ? '撤回为草稿' : '保存草稿'}
          </Button>
          {questionId !== null && (
            <Popconfirm
              title="删除这条热点解答？"
              description="删除后网站上将不再显示，且无法恢复。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => void remove()}
            >
              <Button danger>删除</Button>
            </Popconfirm>
          )}
        </Space>
      </Card>
    </Space>
  )
}
