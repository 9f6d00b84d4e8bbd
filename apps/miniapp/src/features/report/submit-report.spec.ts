import { ErrorCode, type ReportTicketInput } from '@msb/shared-types'
import { ApiError } from '../../services/api/errors'
import { submitWithRetry } from './submit-report'

const input: ReportTicketInput = {
  qrToken: 'tok_ABCDEFGH', categoryCode: 'PARKING', text: '消防通道被占用', buildingId: null, locationText: null,
  contactPhone: '13800138000', photoIds: [], idempotencyKey: 'idem-42',
}

/** A fake server that files one ticket per idempotency key, and a flaky network in front of it. */
function flakyServer(dropAnswers: number) {
  const tickets = new Map<string, { id: string }>()
  const seenKeys: string[] = []
  let drops = dropAnswers
  const send = async (i: ReportTicketInput) => {
    seenKeys.push(i.idempotencyKey)
    const ticket = tickets.get(i.idempotencyKey) ?? { id: `T${tickets.size + 1}` }
    tickets.set(i.idempotencyKey, ticket)
    if (drops-- > 0) throw new ApiError('NETWORK', 'timeout')
    return ticket
  }
  return { send, tickets, seenKeys }
}

const noSleep = { sleep: async () => {} }

describe('submitting a report', () => {
  it('retries a lost answer with the same key and files exactly one ticket', async () => {
    const server = flakyServer(2)
    await expect(submitWithRetry(input, server.send, noSleep)).resolves.toEqual({ id: 'T1' })
    expect(server.tickets.size).toBe(1)
    expect(server.seenKeys).toEqual(['idem-42', 'idem-42', 'idem-42'])
  })

  it('retries while the server is busy (UNAVAILABLE) with the same key', async () => {
    let busy = 2
    const keys: string[] = []
    const send = async (i: ReportTicketInput) => {
      keys.push(i.idempotencyKey)
      if (busy-- > 0) throw new ApiError(ErrorCode.UNAVAILABLE, '服务器繁忙')
      return { id: 'T1' }
    }
    await expect(submitWithRetry(input, send, noSleep)).resolves.toEqual({ id: 'T1' })
    expect(keys).toEqual(['idem-42', 'idem-42', 'idem-42'])
  })

  it('gives up after the last attempt with the network error', async () => {
    const server = flakyServer(5)
    await expect(submitWithRetry(input, server.send, { ...noSleep, attempts: 3 })).rejects.toMatchObject({ code: 'NETWORK' })
    expect(server.tickets.size).toBe(1)
  })

  it('does not retry an answer with a code (e.g. a forged QR token)', async () => {
    let calls = 0
    const send = async () => {
      calls++
      throw new ApiError(ErrorCode.BAD_USER_INPUT, 'bad token')
    }
    await expect(submitWithRetry(input, send, noSleep)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' })
    expect(calls).toBe(1)
  })

  it('backs off between attempts', async () => {
    const waits: number[] = []
    const server = flakyServer(2)
    await submitWithRetry(input, server.send, { sleep: async (ms) => void waits.push(ms), backoffMs: (n) => n * 100 })
    expect(waits).toEqual([100, 200])
  })
})
