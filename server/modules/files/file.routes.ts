import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core'
import { invalid } from '../../errors'
import { ctxOf } from '../../plugins/auth'
import { fileUrl } from './file.service'

export async function fileAdminRoutes(
  app: FastifyInstance,
  { core }: { core: Core },
): Promise<void> {
  app.post(
    '/files',
    {
      schema: {
        tags: ['文件'],
        summary: '上传文件（multipart/form-data：siteId 字段在前，file 字段在后）',
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({
            data: Type.Object({
              id: Type.Integer(),
              url: Type.String(),
              name: Type.String(),
              size: Type.Integer(),
              mime: Type.String(),
              sha256: Type.String(),
            }),
          }),
        },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw invalid('请以 multipart/form-data 上传文件', { file: '请选择文件' })
      let siteId: number | null = null
      for await (const part of req.parts()) {
        if (part.type === 'field' && part.fieldname === 'siteId') {
          siteId = Number(part.value)
          continue
        }
        if (part.type === 'file') {
          if (!siteId || !Number.isInteger(siteId)) {
            part.file.resume()
            throw invalid('请先指定站点', { siteId: '缺少 siteId 字段（须在 file 字段之前）' })
          }
          const bytes = await part.toBuffer()
          const file = await core.files.upload(ctxOf(req), { siteId, name: part.filename, bytes })
          return reply.status(201).send({
            data: {
              id: file.id,
              url: fileUrl(file),
              name: file.name,
              size: file.size,
              mime: file.mime,
              sha256: file.sha256,
            },
          })
        }
      }
      throw invalid('没有收到文件', { file: '请选择文件' })
    },
  )
}
