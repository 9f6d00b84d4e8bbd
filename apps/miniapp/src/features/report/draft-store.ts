import type { KeyValueStore } from '../../services/storage/key-value-store'
import { parseDraft, type ReportDraft } from './report-draft'

export type { KeyValueStore }

export const DRAFT_KEY = 'msb:report-draft:v2'

export interface DraftStore {
  load(): ReportDraft | null
  save(draft: ReportDraft): void
  clear(): void
}

/** `dropLocalPhotos`: on H5 a picked photo's blob: URL does not outlive the page (see parseDraft). */
export function createDraftStore(kv: KeyValueStore, opts: { key?: string; dropLocalPhotos?: boolean } = {}): DraftStore {
  const key = opts.key ?? DRAFT_KEY
  return {
    load: () => {
      try {
        return parseDraft(kv.getItem(key), { dropLocalPhotos: opts.dropLocalPhotos })
      } catch {
        return null
      }
    },
    save: (draft) => {
      try {
        kv.setItem(key, JSON.stringify(draft))
      } catch {
        // Storage full or unavailable: the form keeps working, only persistence is lost.
      }
    },
    clear: () => {
      try {
        kv.removeItem(key)
      } catch {
        /* ignore */
      }
    },
  }
}

/** An in-memory store for specs and for platforms without storage. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial }
  return {
    data,
    getItem: (k) => (k in data ? data[k] : null),
    setItem: (k, v) => {
      data[k] = v
    },
    removeItem: (k) => {
      delete data[k]
    },
  }
}
