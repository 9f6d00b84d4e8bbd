import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiError } from '../../services/api/errors'

/** The server's own words for a refused change (typed errors carry a readable message). */
export const messageOf = (e: unknown) => (e instanceof ApiError ? e.details.errors?.[0]?.message || e.message || e.code : '操作失败，请重试')

/** Runs an admin change with a busy flag; shows the server's typed error, or `done` on success. */
export function useAdminAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = async <T,>(fn: () => Promise<T>, done?: string): Promise<T | null> => {
    if (busy) return null
    setBusy(true)
    setError(null)
    try {
      const r = await fn()
      if (done) Taro.showToast({ title: done, icon: 'success' })
      return r
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run, setError }
}
