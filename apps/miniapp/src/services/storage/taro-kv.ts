import Taro from '@tarojs/taro'
import type { KeyValueStore } from '../../features/report/draft-store'

/** Taro storage (wx storage on weapp, localStorage on h5) as a KeyValueStore. */
export const taroKv: KeyValueStore = {
  getItem(key) {
    const v = Taro.getStorageSync(key)
    return typeof v === 'string' && v !== '' ? v : null
  },
  setItem(key, value) {
    Taro.setStorageSync(key, value)
  },
  removeItem(key) {
    Taro.removeStorageSync(key)
  },
}
