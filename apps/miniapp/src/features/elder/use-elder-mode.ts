import { useCallback, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { taroKv } from '../../services/storage/taro-kv'
import { createElderMode } from './elder-mode'

export const elderMode = createElderMode(taroKv)

/** The device's 长辈模式, re-read whenever a page shows (it may have been switched on another page). */
export function useElderMode(): { on: boolean; toggle: () => void; className: string } {
  const [on, setOn] = useState(elderMode.isOn)
  useDidShow(() => setOn(elderMode.isOn()))
  const toggle = useCallback(() => {
    setOn((was) => {
      elderMode.set(!was)
      return !was
    })
  }, [])
  return { on, toggle, className: on ? ' elder' : '' }
}
