import type { FastifyInstance } from 'fastify'

const PAGE = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>站群管理后台</title>
<style>body{font:16px/1.7 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{color:#b4000f}code{background:#f3f3f3;padding:.1rem .3rem;border-radius:3px}a{color:#b4000f}</style></head>
<body><main>
<h1>站群管理后台</h1>
<p>图形化管理界面将在后续版本提供。当前版本可以通过以下方式管理站群：</p>
<ul>
<li><a href="/api/docs">管理接口文档（OpenAPI）</a>：登录 <code>POST /api/admin/session</code>，之后的写操作须带 <code>x-csrf-token</code> 请求头。</li>
<li>命令行：<code>npx zhanqun --help</code>（导入信息、新建用户、备份与恢复）。</li>
</ul>
<p>首个管理员账号为 <code>admin</code>，密码为环境变量 <code>ZHANQUN_ADMIN_PASSWORD</code> 的值，或首次启动时控制台显示的初始密码。</p>
<p><a href="/">返回门户网站</a></p>
</main></body></html>`

/** `/admin/`: where the back office will be served; explains how to manage the cluster meanwhile. */
export async function adminPlaceholderRoutes(app: FastifyInstance): Promise<void> {
  for (const url of ['/admin', '/admin/', '/admin/*']) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(PAGE),
    )
  }
}
