import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { taroKv } from '../../services/storage/taro-kv'
import { createDraftStore } from './draft-store'
import { applyChange, createDraft, hasContent, reconcileArrival, type DraftChange, type DraftPlace, type ReportDraft } from './report-draft'

// H5 picks are blob: URLs that do not outlive the page; WeChat temp files do.
const store = createDraftStore(taroKv, { dropLocalPhotos: process.env.TARO_ENV === 'h5' })

/** Is there an unfinished report worth offering to continue? */
export function storedDraftWithContent(): ReportDraft | null {
  const d = store.load()
  return d && hasContent(d) ? d : null
}

export function newIdempotencyKey(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${rnd()}-${rnd()}`
}

export interface DraftHook {
  draft: ReportDraft
  restored: boolean
  /** A draft from another QR spot is stored: ask the owner. */
  pendingChoice: ReportDraft | null
  change: (c: DraftChange) => void
  update: (fn: (d: ReportDraft) => ReportDraft) => void
  keepOld: () => void
  startNew: () => void
  /** After a successful submit. */
  clear: () => void
}

/** Draft state that is written to storage on every change and read back on open. */
export function useReportDraft(arrival: { token: string | null; place: DraftPlace | null; buildingId: number | null; phone: string | null }): DraftHook {
  const initial = useMemo(() => {
    const fresh = () =>
      createDraft({
        idempotencyKey: newIdempotencyKey(),
        now: Date.now(),
        qrToken: arrival.token,
        contactPhone: arrival.phone ?? '',
        place: arrival.place,
        buildingId: arrival.buildingId,
      })
    const decided = reconcileArrival(store.load(), arrival.token)
    if (decided.kind === 'resume') {
      const d = decided.draft.place || !arrival.place ? decided.draft : { ...decided.draft, place: arrival.place }
      return { draft: d, restored: true, pending: null }
    }
    if (decided.kind === 'ask') return { draft: fresh(), restored: false, pending: decided.stored }
    return { draft: fresh(), restored: false, pending: null }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const [draft, setDraft] = useState<ReportDraft>(initial.draft)
  const [pendingChoice, setPending] = useState<ReportDraft | null>(initial.pending)
  const cleared = useRef(false)

  // Persist on every change (but never overwrite the other spot's draft before the owner chose).
  useEffect(() => {
    if (pendingChoice || cleared.current) return
    store.save(draft)
  }, [draft, pendingChoice])

  const change = useCallback((c: DraftChange) => setDraft((d) => applyChange(d, c, Date.now())), [])
  const update = useCallback((fn: (d: ReportDraft) => ReportDraft) => setDraft((d) => ({ ...fn(d), updatedAt: Date.now() })), [])
  return {
    draft,
    restored: initial.restored,
    pendingChoice,
    change,
    update,
    keepOld: () => {
      if (pendingChoice) setDraft(pendingChoice)
      setPending(null)
    },
    startNew: () => setPending(null),
    clear: () => {
      cleared.current = true
      store.clear()
    },
  }
}
