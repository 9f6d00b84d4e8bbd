import { ErrorCode } from '@msb/shared-types'
import { ApiError, type GraphQLErrorShape, toServerCode } from './errors'

/**
 * One GraphQL client for both platforms. Pure: the transport (Taro.request) and the token
 * source are injected, so the error mapping is unit-tested without Taro.
 */
export interface HttpRequest {
  url: string
  method: 'POST'
  headers: Record<string, string>
  data: string
  timeout: number
}

export interface HttpResponse {
  statusCode: number
  /** Parsed JSON when the platform parsed it, or the raw text. */
  data: unknown
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>

export interface GraphQLClientOptions {
  /** '' = same origin (H5 served by the BFF). */
  baseUrl: string
  transport: Transport
  getToken: () => string | null
  /**
   * Called when a request that carried a token is answered UNAUTHENTICATED: the session has
   * expired (clear it, send to sign-in). Not called for signed-out requests (a wrong SMS code).
   */
  onUnauthenticated?: (err: ApiError) => void
  timeoutMs?: number
}

export interface GraphQLClient {
  request<TData, TVars extends object = Record<string, never>>(query: string, variables?: TVars): Promise<TData>
}

export function createGraphQLClient(opts: GraphQLClientOptions): GraphQLClient {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/graphql`
  return {
    async request<TData>(query: string, variables?: object): Promise<TData> {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      const token = opts.getToken()
      if (token) headers.authorization = `Bearer ${token}`
      let res: HttpResponse
      try {
        res = await opts.transport({
          url,
          method: 'POST',
          headers,
          data: JSON.stringify({ query, variables: variables ?? {} }),
          timeout: opts.timeoutMs ?? 15_000,
        })
      } catch (cause) {
        throw new ApiError('NETWORK', 'request failed', { cause })
      }
      try {
        return parseGraphQLResponse<TData>(res)
      } catch (e) {
        if (token && e instanceof ApiError && e.code === ErrorCode.UNAUTHENTICATED) opts.onUnauthenticated?.(e)
        throw e
      }
    },
  }
}

/** HTTP answer → data, or the typed error of its first GraphQL error. */
export function parseGraphQLResponse<TData>(res: HttpResponse): TData {
  let body: unknown = res.data
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      body = undefined
    }
  }
  const errors = isBody(body) && Array.isArray(body.errors) ? (body.errors as GraphQLErrorShape[]) : undefined
  if (errors && errors.length > 0) {
    const first = errors[0]
    throw new ApiError(toServerCode(first.extensions?.code), first.message ?? '', { errors, status: res.statusCode })
  }
  if (res.statusCode === 401) throw new ApiError(ErrorCode.UNAUTHENTICATED, 'unauthenticated', { status: 401 })
  if (res.statusCode === 403) throw new ApiError(ErrorCode.FORBIDDEN, 'forbidden', { status: 403 })
  if (res.statusCode === 429) throw new ApiError(ErrorCode.RATE_LIMITED, 'rate limited', { status: 429 })
  if (res.statusCode === 503) throw new ApiError(ErrorCode.UNAVAILABLE, 'service unavailable', { status: 503 })
  if (res.statusCode === 0) throw new ApiError('NETWORK', 'http 0', { status: 0 })
  // A 502/504 from the server's proxy: retryable, but not the owner's network to blame.
  if (res.statusCode >= 500) throw new ApiError('SERVER_BUSY', `http ${res.statusCode}`, { status: res.statusCode })
  if (!isBody(body) || body.data === undefined || body.data === null) {
    throw new ApiError(ErrorCode.INTERNAL, `no data (http ${res.statusCode})`, { status: res.statusCode })
  }
  return body.data as TData
}

function isBody(v: unknown): v is { data?: unknown; errors?: unknown } {
  return typeof v === 'object' && v !== null
}
