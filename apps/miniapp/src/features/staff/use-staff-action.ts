import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { staffZh } from '../../i18n/staff-zh'
import { zh } from '../../i18n/zh'
import { errorCodeOf } from '../../services/api/errors'

/** Long enough for the success toast to be read before the page changes. */
const TOAST_MS = 600

/** Back to the page that opened the form, once the toast has shown. */
export const backAfterToast = () => setTimeout(() => Taro.navigateBack(), TOAST_MS)

/** Somewhere else once the toast has shown (e.g. the inbox, when the ticket leaves the worker's view). */
export const relaunchAfterToast = (url: string) => () => setTimeout(() => Taro.reLaunch({ url }), TOAST_MS)

/**
 * A staff action: one at a time (taps while it runs are ignored), 已完成 toast on success then `after`
 * (default: back to the page before), the error's Chinese copy on failure, then `onError`.
 */
export function useStaffAction() {
  const [busy, setBusy] = useState(false)
  const running = useRef(false)
  const run = useCallback(async <R>(send: () => Promise<R>, opts: { after?: (result: R) => void; onError?: () => void } = {}) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      const result = await send()
      Taro.showToast({ title: staffZh.detail.done, icon: 'success' })
      ;(opts.after ?? backAfterToast)(result)
    } catch (e) {
      Taro.showToast({ title: zh.errors[errorCodeOf(e)], icon: 'none' })
      opts.onError?.()
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { busy, run }
}
