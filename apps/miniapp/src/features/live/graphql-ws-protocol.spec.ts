import { backoffMs, initMessage, liveUrl, parseServerMessage, subscribeMessage } from './graphql-ws-protocol'

describe('graphql-ws client protocol', () => {
  it('signs in through the connection_init payload and subscribes by id', () => {
    expect(JSON.parse(initMessage('t0k'))).toEqual({ type: 'connection_init', payload: { authorization: 'Bearer t0k' } })
    expect(JSON.parse(subscribeMessage('1', 'subscription { x }'))).toEqual({ id: '1', type: 'subscribe', payload: { query: 'subscription { x }', variables: {} } })
  })
  it('parses server messages and ignores garbage', () => {
    expect(parseServerMessage('{"type":"connection_ack"}')).toEqual({ type: 'connection_ack' })
    expect(parseServerMessage('nope')).toBeNull()
    expect(parseServerMessage('{"id":1}')).toBeNull()
  })
  it('backs off exponentially up to 30 s and builds ws URLs', () => {
    expect([0, 1, 2, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 30_000])
    expect(liveUrl('', 'http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/graphql')
    expect(liveUrl('https://api.example.cn/', null)).toBe('wss://api.example.cn/graphql')
  })
})
