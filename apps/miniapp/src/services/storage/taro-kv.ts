import Taro from '@tarojs/taro'
import type { KeyValueStore } from './key-value-store'

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
