import { ErrorCode } from '@msb/shared-types'
import { ApiError, isApiError } from './errors'
import { createGraphQLClient, type HttpRequest, type HttpResponse } from './graphql-client'

function client(answer: HttpResponse | Error, token: string | null = 'jwt-1') {
  const sent: HttpRequest[] = []
  const unauth: ApiError[] = []
  const c = createGraphQLClient({
    baseUrl: 'https://api.example/',
    getToken: () => token,
    onUnauthenticated: (e) => unauth.push(e),
    transport: async (req) => {
      sent.push(req)
      if (answer instanceof Error) throw answer
      return answer
    },
  })
  return { c, sent, unauth }
}

describe('graphql client', () => {
  it('POSTs JSON to <base>/graphql with the bearer token and returns data', async () => {
    const { c, sent } = client({ statusCode: 200, data: { data: { me: { id: 'u1' } } } })
    await expect(c.request('query { me { id } }', { a: 1 })).resolves.toEqual({ me: { id: 'u1' } })
    expect(sent[0]).toMatchObject({ url: 'https://api.example/graphql', method: 'POST' })
    expect(sent[0].headers.authorization).toBe('Bearer jwt-1')
    expect(JSON.parse(sent[0].data)).toEqual({ query: 'query { me { id } }', variables: { a: 1 } })
  })

  it('sends no Authorization header when signed out, and uses same origin for an empty base', async () => {
    const sent: HttpRequest[] = []
    const c = createGraphQLClient({ baseUrl: '', getToken: () => null, transport: async (r) => (sent.push(r), { statusCode: 200, data: '{"data":{"x":1}}' }) })
    await expect(c.request('{x}')).resolves.toEqual({ x: 1 })
    expect(sent[0].url).toBe('/graphql')
    expect(sent[0].headers.authorization).toBeUndefined()
  })

  it.each(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL))(
    'turns extensions.code %s into a typed error',
    async (code) => {
      const { c } = client({ statusCode: 200, data: { data: null, errors: [{ message: 'nope', extensions: { code } }] } })
      const err = (await c.request('{x}').catch((e: unknown) => e)) as ApiError
      expect(isApiError(err, code)).toBe(true)
      expect(err.message).toBe('nope')
    },
  )

  it('tells the session when the token is no longer accepted', async () => {
    const { c, unauth } = client({ statusCode: 200, data: { errors: [{ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } }] } })
    await c.request('{x}').catch(() => {})
    expect(unauth).toHaveLength(1)
  })

  it('does not treat a refused sign-in (no token sent) as an expired session', async () => {
    const { c, unauth } = client({ statusCode: 200, data: { errors: [{ message: '验证码错误', extensions: { code: 'UNAUTHENTICATED' } }] } }, null)
    await expect(c.request('{x}')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(unauth).toHaveLength(0)
  })

  it('maps unknown codes to INTERNAL, transport failures to a retryable NETWORK and 5xx to a retryable SERVER_BUSY (not the owner’s network)', async () => {
    expect(await client({ statusCode: 200, data: { errors: [{ message: 'x', extensions: { code: 'WHAT' } }] } }).c.request('{x}').catch((e) => e.code)).toBe('INTERNAL')
    const offline = await client(new Error('request:fail')).c.request('{x}').catch((e) => e)
    expect(offline).toMatchObject({ code: 'NETWORK', retryable: true })
    for (const statusCode of [500, 502, 504]) {
      const busy = await client({ statusCode, data: '<html>' }).c.request('{x}').catch((e) => e)
      expect(busy).toMatchObject({ code: 'SERVER_BUSY', retryable: true })
    }
    expect(await client({ statusCode: 429, data: '' }).c.request('{x}').catch((e) => e.code)).toBe('RATE_LIMITED')
  })

  it('tells a busy server (UNAVAILABLE, HTTP 503) from the owner\'s network, and retries it', async () => {
    const answered = await client({ statusCode: 503, data: { data: null, errors: [{ message: '服务器繁忙', extensions: { code: 'UNAVAILABLE' } }] } }).c.request('{x}').catch((e) => e)
    expect(answered).toMatchObject({ code: 'UNAVAILABLE', retryable: true })
    const bare = await client({ statusCode: 503, data: '' }).c.request('{x}').catch((e) => e)
    expect(bare).toMatchObject({ code: 'UNAVAILABLE', retryable: true })
  })
})
