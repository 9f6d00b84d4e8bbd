/**
 * The graphql-transport-ws protocol (graphql-ws), client side, pure: turns server messages into
 * actions, so it is unit-tested without a socket.
 */
export const GRAPHQL_WS_PROTOCOL = 'graphql-transport-ws'

export type ServerMessage =
  | { type: 'connection_ack' }
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'next'; id: string; payload: { data?: unknown; errors?: unknown[] } }
  | { type: 'error'; id: string; payload: unknown[] }
  | { type: 'complete'; id: string }

export const initMessage = (token: string) => JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })
export const subscribeMessage = (id: string, query: string, variables: object = {}) =>
  JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })
export const pongMessage = () => JSON.stringify({ type: 'pong' })

export function parseServerMessage(raw: string): ServerMessage | null {
  try {
    const m = JSON.parse(raw)
    return m && typeof m.type === 'string' ? (m as ServerMessage) : null
  } catch {
    return null
  }
}

/** Reconnect delay: 1 s, 2 s, 4 s … capped at 30 s. */
export const backoffMs = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt))

/** ws(s):// URL of the BFF's /graphql for an http(s) API base ('' = this page's origin on H5). */
export function liveUrl(apiBase: string, pageOrigin: string | null): string {
  const base = (apiBase || pageOrigin || '').replace(/\/+$/, '')
  return `${base.replace(/^http/, 'ws')}/graphql`
}
