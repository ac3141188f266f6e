import type { FastifyError, FastifyInstance } from 'fastify'
import { isAppError } from '../errors'

interface AjvError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  parentSchema?: { title?: string; properties?: Record<string, { title?: string }> }
  schema?: unknown
}

/** Turns Ajv's validation errors into field-level Chinese messages. */
export function translateValidation(errors: AjvError[], context: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const e of errors) {
    let field = e.instancePath.replace(/^\//, '').replace(/\//g, '.')
    let title = e.parentSchema?.title
    let message: string
    const p = e.params
    switch (e.keyword) {
      case 'required': {
        const missing = String(p.missingProperty ?? '')
        field = field ? `${field}.${missing}` : missing
        title = e.parentSchema?.properties?.[missing]?.title ?? missing
        message = `${title}不能为空`
        break
      }
      case 'minLength':
        message =
          Number(p.limit) <= 1
            ? `${title ?? '该项'}不能为空`
            : `${title ?? '该项'}至少 ${String(p.limit)} 个字符`
        break
      case 'maxLength':
        message = `${title ?? '该项'}不能超过 ${String(p.limit)} 个字符`
        break
      case 'minimum':
        message = `${title ?? '该项'}不能小于 ${String(p.limit)}`
        break
      case 'maximum':
        message = `${title ?? '该项'}不能大于 ${String(p.limit)}`
        break
      case 'minItems':
        message = `${title ?? '该项'}至少选择 ${String(p.limit)} 项`
        break
      case 'maxItems':
        message = `${title ?? '该项'}最多 ${String(p.limit)} 项`
        break
      case 'type':
        message = `${title ?? '该项'}格式有误`
        break
      case 'additionalProperties':
        field = field ? `${field}.${String(p.additionalProperty)}` : String(p.additionalProperty)
        message = `不支持的字段：${String(p.additionalProperty)}`
        break
      case 'const':
      case 'enum':
      case 'anyOf':
        message = `${title ?? '该项'}的取值无效`
        break
      default:
        message = `${title ?? '该项'}格式有误`
    }
    const key = field || context
    // anyOf reports every branch; keep the summary, not the first branch's complaint.
    if (!fields[key] || e.keyword === 'anyOf') fields[key] = message
  }
  return fields
}

const CONTEXT_LABEL: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
}

/** One translator for every error: `{error:{code,message,fields?}}`, never a stack. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (isAppError(err)) {
      return reply.status(err.status).send({
        error: {
          code: err.code,
          message: err.message,
          ...(err.fields ? { fields: err.fields } : {}),
          ...(err.details ? { details: err.details } : {}),
        },
      })
    }
    if (err.validation) {
      const ctx = err.validationContext ?? 'body'
      const fields = translateValidation(err.validation as unknown as AjvError[], ctx)
      const first = Object.values(fields)[0]
      return reply.status(400).send({
        error: {
          code: 'invalid',
          message: first ? `${CONTEXT_LABEL[ctx] ?? '请求'}有误：${first}` : '请求参数有误',
          fields,
        },
      })
    }
    const status = err.statusCode ?? 500
    if (
      status === 413 ||
      err.code === 'FST_REQ_FILE_TOO_LARGE' ||
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
    ) {
      return reply
        .status(413)
        .send({ error: { code: 'too_large', message: '提交的内容或文件过大' } })
    }
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply
        .status(415)
        .send({ error: { code: 'unsupported_type', message: '不支持的内容类型' } })
    }
    if (status === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: '操作过于频繁，请稍后再试' } })
    }
    if (status >= 400 && status < 500) {
      const message =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
          ? '请求内容不是有效的 JSON'
          : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? '请求内容为空'
            : '请求有误'
      return reply.status(status).send({ error: { code: 'bad_request', message } })
    }
    request.log.error({ err }, 'unhandled error')
    return reply
      .status(500)
      .send({ error: { code: 'internal_error', message: '服务器内部错误，请稍后再试' } })
  })

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: '接口不存在' } })
  })
}
