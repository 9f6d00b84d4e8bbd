import { taroKv } from '../../services/storage/taro-kv'
import type { DraftPlace } from '../report/report-draft'

/** The last QR the owner arrived by, so the report page knows the place even after a restart. */
export interface StoredArrival extends DraftPlace {
  readonly token: string
  /** The building the QR hangs in (a lobby code), prefilled in the report. */
  readonly buildingId: number | null
}

const KEY = 'msb:arrival:v2'

export const arrivalStore = {
  load(): StoredArrival | null {
    try {
      const v = JSON.parse(taroKv.getItem(KEY) ?? 'null')
      return v && typeof v.token === 'string' && Array.isArray(v.buildings) ? v : null
    } catch {
      return null
    }
  },
  save(a: StoredArrival) {
    taroKv.setItem(KEY, JSON.stringify(a))
  },
}
