import Taro from '@tarojs/taro'
import { session } from '../auth/session'
import { apiBase } from './config'
import { ErrorCode } from '@msb/shared-types'
import { ApiError, toServerCode } from './errors'

export interface Uploaded {
  id: string
  url: string
}

type Answer = { statusCode: number; data: unknown }

const base = () => apiBase.replace(/\/+$/, '')

/** The BFF's answer to an upload as `{id, url}`, or an ApiError with the server's code. */
function uploaded(res: Answer, token: string | null, onUnauthenticated: () => void): Uploaded {
  let body: { id?: unknown; url?: unknown; code?: unknown; message?: unknown } | undefined
  try {
    body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body)
  } catch {
    body = undefined
  }
  if (res.statusCode >= 200 && res.statusCode < 300 && body && typeof body.id === 'string') {
    return { id: body.id, url: typeof body.url === 'string' ? body.url : '' }
  }
  if (res.statusCode === 503) throw new ApiError(ErrorCode.UNAVAILABLE, 'service unavailable', { status: 503 })
  if (res.statusCode >= 500 || !body) throw new ApiError(res.statusCode >= 500 ? 'SERVER_BUSY' : 'NETWORK', `upload http ${res.statusCode}`, { status: res.statusCode })
  const code = res.statusCode === 401 ? ErrorCode.UNAUTHENTICATED : res.statusCode === 413 ? ErrorCode.BAD_USER_INPUT : toServerCode(body.code)
  if (code === ErrorCode.UNAUTHENTICATED && token) onUnauthenticated()
  throw new ApiError(code, String(body.message ?? ''), { status: res.statusCode, extensions: body as Record<string, unknown> })
}

function send(url: string, filePath: string, formData: Record<string, string>, header: Record<string, string>, onProgress: (percent: number) => void): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const task = Taro.uploadFile({
      url, filePath, name: 'file', fileName: 'photo.jpg', formData, header,
      success: (res) => resolve({ statusCode: res.statusCode, data: res.data }),
      fail: (err) => reject(new ApiError('NETWORK', 'upload failed', { cause: err })),
    } as Parameters<typeof Taro.uploadFile>[0])
    task?.progress?.((p) => onProgress(p.progress))
  })
}

const postJson = async (path: string, data: unknown, header: Record<string, string>): Promise<Answer> => {
  try {
    const r = await Taro.request({ url: `${base()}${path}`, method: 'POST', data, header: { ...header, 'content-type': 'application/json' } })
    return { statusCode: r.statusCode, data: r.data }
  } catch (err) {
    throw new ApiError('NETWORK', 'upload failed', { cause: err })
  }
}

const typeOf = (path: string) => (/\.png$/i.test(path) ? 'image/png' : /\.webp$/i.test(path) ? 'image/webp' : 'image/jpeg')

/** Set once the server said it keeps photos on its own disk (no direct uploads): go straight to POST /uploads. */
let directOff = false

/**
 * Uploads one photo. Where photos live in object storage the server hands out a presigned POST: the file
 * goes straight to the store (multipart, its fields + `file`), then the server checks and re-encodes it
 * (`/uploads/direct/complete`). Otherwise (404 on `/uploads/direct`) it is posted as multipart field `file`
 * to `${API_BASE}/uploads`. Either way answers `{id, url}`; errors come back as ApiError with the server's
 * code (or NETWORK); an expired session calls onUnauthenticated like a GraphQL request does.
 */
export async function uploadPhoto(filePath: string, onProgress: (percent: number) => void, onUnauthenticated: () => void = () => {}): Promise<Uploaded> {
  const token = session.token()
  const header: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  if (!directOff) {
    // A failed start (network) falls back to POST /uploads for this photo and tries again with the next.
    const start = await postJson('/uploads/direct', { contentType: typeOf(filePath) }, header).catch(() => ({ statusCode: 0, data: null }))
    if (start.statusCode === 404) directOff = true
    else if (start.statusCode !== 0) {
      if (start.statusCode !== 201) uploaded(start, token, onUnauthenticated)
      const form = (typeof start.data === 'string' ? JSON.parse(start.data) : start.data) as { url: string; fields: Record<string, string>; key: string }
      const put = await send(form.url, filePath, form.fields, {}, onProgress)
      if (put.statusCode < 200 || put.statusCode >= 300) throw new ApiError(put.statusCode >= 500 ? 'SERVER_BUSY' : 'NETWORK', `store http ${put.statusCode}`, { status: put.statusCode })
      return uploaded(await postJson('/uploads/direct/complete', { key: form.key }, header), token, onUnauthenticated)
    }
  }
  return uploaded(await send(`${base()}/uploads`, filePath, {}, header, onProgress), token, onUnauthenticated)
}
