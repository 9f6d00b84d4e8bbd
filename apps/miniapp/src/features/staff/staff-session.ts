import { taroKv } from '../../services/storage/taro-kv'

const KEY = 'msb:staff:me'

/** The signed-in worker's id and roles (the token itself lives in the shared session). */
export const staffSession = {
  get(): { id: string; name: string; roles: string[] } | null {
    try {
      return JSON.parse(taroKv.getItem(KEY) ?? 'null')
    } catch {
      return null
    }
  },
  set(v: { id: string; name: string; roles: string[] }) {
    taroKv.setItem(KEY, JSON.stringify(v))
  },
  clear() {
    taroKv.removeItem(KEY)
  },
}
