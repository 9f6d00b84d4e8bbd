import { useCallback, useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import type { NotificationAddedSubscription } from '@msb/shared-types'
import { NOTIFICATION_ADDED } from '../../services/api/documents/live'
import { ownerUnreadCount } from '../../services/api/notice-operations'
import { session } from '../../services/auth/session'
import { live } from '../live/live-client'

/**
 * The signed-in owner's unread notices, for the badges on the landing and 我的工单 (issue 12 §1):
 * read when the page shows, and again whenever a notice arrives live. Null when signed out or unknown.
 */
export function useUnreadCount(): number | null {
  const [count, setCount] = useState<number | null>(null)
  const load = useCallback(() => {
    if (!session.isSignedIn()) return setCount(null)
    ownerUnreadCount().then(setCount, () => {})
  }, [])
  useDidShow(load)
  useEffect(() => {
    load()
    if (!session.isSignedIn()) return
    return live.subscribe<NotificationAddedSubscription>(NOTIFICATION_ADDED, {}, () => load())
  }, [load])
  return count
}

export { badgeText } from './badge-text'
