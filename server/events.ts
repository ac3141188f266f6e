import { randomUUID } from 'node:crypto'
import type pg from 'pg'

/** A committed change, announced with the cache tags it touches (e.g. `article:42`, `site:7`). */
export interface ChangeEvent {
  action: string
  tags: string[]
}

type Listener = (event: ChangeEvent) => void

/**
 * The small in-process bus domain modules announce changes on. With several instances on
 * PostgreSQL, `relayOverPostgres` carries events to the other instances via LISTEN/NOTIFY.
 */
export class EventBus {
  readonly instanceId = randomUUID()
  private listeners = new Set<Listener>()
  private outbound: ((event: ChangeEvent) => void) | null = null

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Announce a committed change locally and to other instances. */
  publish(event: ChangeEvent): void {
    this.deliver(event)
    this.outbound?.(event)
  }

  deliver(event: ChangeEvent): void {
    for (const l of this.listeners) l(event)
  }

  setOutbound(send: ((event: ChangeEvent) => void) | null): void {
    this.outbound = send
  }
}

const CHANNEL = 'zhanqun_events'

/** Relays bus events between instances sharing one PostgreSQL database. */
export async function relayOverPostgres(
  bus: EventBus,
  pool: pg.Pool,
  onError: (e: unknown) => void,
): Promise<() => Promise<void>> {
  const client = await pool.connect()
  client.on('notification', (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return
    try {
      const { from, event } = JSON.parse(msg.payload) as { from: string; event: ChangeEvent }
      if (from !== bus.instanceId) bus.deliver(event)
    } catch (e) {
      onError(e)
    }
  })
  await client.query(`LISTEN ${CHANNEL}`)
  bus.setOutbound((event) => {
    const payload = JSON.stringify({ from: bus.instanceId, event })
    // NOTIFY payloads are limited to 8000 bytes; fall back to a site-wide flush tag.
    const safe =
      payload.length < 7900
        ? payload
        : JSON.stringify({ from: bus.instanceId, event: { action: event.action, tags: ['*'] } })
    pool.query('select pg_notify($1, $2)', [CHANNEL, safe]).catch(onError)
  })
  return async () => {
    bus.setOutbound(null)
    await client.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined)
    client.release()
  }
}
