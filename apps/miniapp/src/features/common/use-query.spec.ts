import { ErrorCode } from '@msb/shared-types'
import { ApiError } from '../../services/api/errors'
import { afterFailure, whileLoading, type QueryState } from './use-query'

const ready: QueryState<string> = { status: 'ready', data: 'ticket 1' }
const fail = (code: ApiError['code']) => new ApiError(code, code)

describe('useQuery state', () => {
  it('keeps the data on screen while a reload runs, a spinner otherwise', () => {
    expect(whileLoading(ready, true)).toBe(ready)
    expect(whileLoading(ready, false)).toEqual({ status: 'loading' })
    expect(whileLoading({ status: 'error', code: 'NETWORK', error: null }, true)).toEqual({ status: 'loading' })
  })

  it('keeps the data through a failure that says nothing about it', () => {
    for (const code of ['NETWORK', ErrorCode.RATE_LIMITED, ErrorCode.INTERNAL] as const) expect(afterFailure(ready, fail(code))).toBe(ready)
  })

  it('replaces the data when the answer says it is gone or no longer the reader\'s', () => {
    for (const code of [ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN, ErrorCode.UNAUTHENTICATED] as const) {
      expect(afterFailure(ready, fail(code))).toMatchObject({ status: 'error', code })
    }
  })

  it('shows the error when there was nothing to keep', () => {
    const e = fail('NETWORK')
    expect(afterFailure({ status: 'loading' }, e)).toEqual({ status: 'error', code: 'NETWORK', error: e })
    expect(afterFailure({ status: 'loading' }, new Error('boom'))).toMatchObject({ status: 'error', code: ErrorCode.INTERNAL })
  })
})
