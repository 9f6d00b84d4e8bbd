/** Fallback (typing, tests) for socket.<env>.ts: the browser WebSocket. */
export * from './socket.h5'
