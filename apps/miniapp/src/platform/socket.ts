/** A WebSocket the live client can drive; platform.<env> files provide the real one. */
export interface LiveSocket {
  send(data: string): void
  close(): void
}

export interface SocketHandlers {
  onOpen(): void
  onMessage(data: string): void
  onClose(): void
}

export function openSocket(url: string, protocol: string, h: SocketHandlers): LiveSocket {
  const ws = new WebSocket(url, protocol)
  ws.onopen = () => h.onOpen()
  ws.onmessage = (e) => h.onMessage(String(e.data))
  ws.onclose = () => h.onClose()
  ws.onerror = () => ws.close()
  return { send: (d) => ws.send(d), close: () => ws.close() }
}
