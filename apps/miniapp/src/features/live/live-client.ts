import { apiBase } from '../../services/api/config'
import { session } from '../../services/auth/session'
import { openSocket, type LiveSocket } from '../../platform/socket'
import { backoffMs, GRAPHQL_WS_PROTOCOL, initMessage, liveUrl, parseServerMessage, pongMessage, subscribeMessage } from './graphql-ws-protocol'

export type LiveStatus = 'connecting' | 'live' | 'down'

interface Sub {
  query: string
  variables: object
  onData: (data: unknown) => void
}

/**
 * One graphql-ws connection for the app: reconnects with backoff, re-subscribes everything, and
 * tells listeners when it comes back (so they refetch what they missed while it was down).
 */
class LiveClient {
  private socket: LiveSocket | null = null
  private subs = new Map<string, Sub>()
  private seq = 0
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private acked = false
  status: LiveStatus = 'down'
  private statusListeners = new Set<(s: LiveStatus, reconnected: boolean) => void>()
  private everLive = false

  /** A subscription document (services/api/documents/live) with its generated result and variable types. */
  subscribe<TData, TVars extends object = Record<string, never>>(query: string, variables: TVars, onData: (data: TData) => void): () => void {
    const id = String(++this.seq)
    this.subs.set(id, { query, variables, onData: onData as (data: unknown) => void })
    if (this.acked) this.socket?.send(subscribeMessage(id, query, variables))
    else this.connect()
    return () => {
      this.subs.delete(id)
      if (this.acked) this.socket?.send(JSON.stringify({ id, type: 'complete' }))
      if (this.subs.size === 0) this.stop()
    }
  }

  onStatus(fn: (s: LiveStatus, reconnected: boolean) => void): () => void {
    this.statusListeners.add(fn)
    return () => this.statusListeners.delete(fn)
  }

  private setStatus(s: LiveStatus) {
    const reconnected = s === 'live' && this.everLive
    if (s === 'live') this.everLive = true
    this.status = s
    this.statusListeners.forEach((fn) => fn(s, reconnected))
  }

  private connect() {
    if (this.socket || this.timer) return
    const token = session.token()
    if (!token) return
    const origin = typeof location !== 'undefined' ? location.origin : null
    this.setStatus('connecting')
    this.acked = false
    this.socket = openSocket(liveUrl(apiBase, origin), GRAPHQL_WS_PROTOCOL, {
      onOpen: () => this.socket?.send(initMessage(token)),
      onMessage: (raw) => {
        const m = parseServerMessage(raw)
        if (!m) return
        if (m.type === 'connection_ack') {
          this.acked = true
          this.attempt = 0
          this.subs.forEach((s, id) => this.socket?.send(subscribeMessage(id, s.query, s.variables)))
          this.setStatus('live')
        } else if (m.type === 'ping') this.socket?.send(pongMessage())
        else if (m.type === 'next') this.subs.get(m.id)?.onData(m.payload.data)
      },
      onClose: () => {
        this.socket = null
        this.acked = false
        this.setStatus('down')
        if (this.subs.size === 0) return
        this.timer = setTimeout(() => {
          this.timer = null
          this.connect()
        }, backoffMs(this.attempt++))
      },
    })
  }

  private stop() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const s = this.socket
    this.socket = null
    s?.close()
    this.status = 'down'
  }
}

export const live = new LiveClient()
