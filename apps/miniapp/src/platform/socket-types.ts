/** A WebSocket the live client can drive; socket.<env>.ts provide the real one. */
export interface LiveSocket {
  send(data: string): void
  close(): void
}

export interface SocketHandlers {
  onOpen(): void
  onMessage(data: string): void
  onClose(): void
}
