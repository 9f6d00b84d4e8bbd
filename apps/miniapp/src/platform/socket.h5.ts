/** H5: the browser WebSocket. */
import type { LiveSocket, SocketHandlers } from './socket-types'

export type { LiveSocket, SocketHandlers }

export function openSocket(url: string, protocol: string, h: SocketHandlers): LiveSocket {
  const ws = new WebSocket(url, protocol)
  ws.onopen = () => h.onOpen()
  ws.onmessage = (e) => h.onMessage(String(e.data))
  ws.onclose = () => h.onClose()
  ws.onerror = () => ws.close()
  return { send: (d) => ws.send(d), close: () => ws.close() }
}
