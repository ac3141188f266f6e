import '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, unauthorized } from '../errors'
import type { RequestContext } from '../modules/users/actor'
import type { AuthService, SessionInfo } from '../modules/users/auth.service'

export const SESSION_COOKIE = 'zq_session'

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Admin API authentication: a session cookie (HttpOnly, SameSite=Lax), and CSRF protection on
 * every write: the `x-csrf-token` header must carry the session's token (synchroniser token).
 */
export function registerAuth(
  app: FastifyInstance,
  auth: AuthService,
  options: { public?: string[] } = {},
): void {
  const open = new Set(options.public ?? [])
  app.decorateRequest('session', null)
  // onRequest, not preHandler: authenticate before validating (no schema details to strangers).
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE]
    request.session = token ? await auth.resolve(token) : null
    if (token && request.session?.renewed) {
      // The session's expiry slid forward: the cookie must follow, or the browser drops it first.
      const ms = new Date(request.session.expiresAt).getTime() - Date.now()
      setSessionCookie(reply, token, ms, request.protocol === 'https')
    }
    const route = request.routeOptions.url ?? ''
    if (open.has(`${request.method} ${route}`)) return
    if (!request.session) throw unauthorized('登录已失效，请重新登录')
    if (!SAFE.has(request.method) && request.headers['x-csrf-token'] !== request.session.csrf) {
      throw new AppError(403, 'csrf', '页面已过期，请刷新后重试')
    }
  })
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
  secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}

/** The service-call context of an authenticated admin request. */
export function ctxOf(request: FastifyRequest): RequestContext {
  if (!request.session) throw unauthorized()
  return { actor: request.session.actor, ip: request.ip }
}
