import Taro from '@tarojs/taro'
import { session } from '../auth/session'
import { apiBase } from './config'
import { ErrorCode } from '@msb/shared-types'
import { ApiError, toServerCode } from './errors'

export interface Uploaded {
  id: string
  url: string
}

/**
 * POST one photo as multipart field `file` to `${API_BASE}/uploads`; answers `{id, url}`.
 * Errors come back as ApiError with the server's code (or NETWORK); an expired session calls
 * onUnauthenticated (the client's sign-in redirect) like a GraphQL request does.
 */
export function uploadPhoto(filePath: string, onProgress: (percent: number) => void, onUnauthenticated: () => void = () => {}): Promise<Uploaded> {
  return new Promise<Uploaded>((resolve, reject) => {
    const token = session.token()
    const task = Taro.uploadFile({
      url: `${apiBase.replace(/\/+$/, '')}/uploads`,
      filePath,
      name: 'file',
      fileName: 'photo.jpg',
      header: token ? { authorization: `Bearer ${token}` } : {},
      success(res) {
        let body: { id?: unknown; url?: unknown; code?: unknown; message?: unknown } | undefined
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body)
        } catch {
          body = undefined
        }
        if (res.statusCode >= 200 && res.statusCode < 300 && body && typeof body.id === 'string') {
          resolve({ id: body.id, url: typeof body.url === 'string' ? body.url : '' })
          return
        }
        if (res.statusCode === 503) return reject(new ApiError(ErrorCode.UNAVAILABLE, 'service unavailable', { status: 503 }))
        if (res.statusCode >= 500 || !body) return reject(new ApiError(res.statusCode >= 500 ? 'SERVER_BUSY' : 'NETWORK', `upload http ${res.statusCode}`, { status: res.statusCode }))
        const code = res.statusCode === 401 ? ErrorCode.UNAUTHENTICATED : res.statusCode === 413 ? ErrorCode.BAD_USER_INPUT : toServerCode(body.code)
        if (code === ErrorCode.UNAUTHENTICATED && token) onUnauthenticated()
        reject(new ApiError(code, String(body.message ?? ''), { status: res.statusCode, extensions: body as Record<string, unknown> }))
      },
      fail(err) {
        reject(new ApiError('NETWORK', 'upload failed', { cause: err }))
      },
    } as Parameters<typeof Taro.uploadFile>[0])
    task?.progress?.((p) => onProgress(p.progress))
  })
}
