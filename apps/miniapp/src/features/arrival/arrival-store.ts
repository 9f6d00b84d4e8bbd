import { taroKv } from '../../services/storage/taro-kv'

/** The last QR the owner arrived by, so the report page knows the place even after a restart. */
export interface StoredArrival {
  token: string
  complexName: string
  spotName: string
}

const KEY = 'msb:arrival:v1'

export const arrivalStore = {
  load(): StoredArrival | null {
    try {
      const v = JSON.parse(taroKv.getItem(KEY) ?? 'null')
      return v && typeof v.token === 'string' ? v : null
    } catch {
      return null
    }
  },
  save(a: StoredArrival) {
    taroKv.setItem(KEY, JSON.stringify(a))
  },
}
