import { TICKET_TEXT_MIN, type ReportTicketInput } from '@msb/shared-types'
import { MAX_PHOTOS, normalizeAfterRestore, type PhotoItem, uploadedIds } from './photo-queue'

/**
 * The owner's unfinished report. Saved on every change, restored on reopen, cleared after
 * a successful submit. It carries one idempotency key for its whole life, so every retry
 * of its submit is the same request to the server and can never file a second ticket.
 */
export interface ReportDraft {
  readonly version: 2
  readonly qrToken: string | null
  /** What the landing page told us about the QR spot, kept to show while offline. */
  readonly place: DraftPlace | null
  readonly categoryCode: string | null
  readonly description: string
  readonly photos: readonly PhotoItem[]
  /** Building from the QR place's list (prefilled from the spot), unit and free text. */
  readonly spot: { readonly buildingId: number | null; readonly unit: string; readonly detail: string }
  readonly contactPhone: string
  readonly idempotencyKey: string
  readonly updatedAt: number
}

export interface DraftPlace {
  readonly complexName: string
  readonly spotName: string
  readonly buildings: readonly { readonly id: number; readonly name: string }[]
}

export const DESCRIPTION_MIN = TICKET_TEXT_MIN
/** Below the server's TICKET_TEXT_MAX (1000 UTF-16 units) even when every character is an emoji. */
export const DESCRIPTION_MAX = 500
export const UNIT_MAX = 20
export const SPOT_DETAIL_MAX = 60

export function createDraft(init: {
  idempotencyKey: string
  now: number
  qrToken?: string | null
  contactPhone?: string
  place?: DraftPlace | null
  buildingId?: number | null
}): ReportDraft {
  return {
    version: 2,
    qrToken: init.qrToken ?? null,
    place: init.place ?? null,
    categoryCode: null,
    description: '',
    photos: [],
    spot: { buildingId: init.buildingId ?? null, unit: '', detail: '' },
    contactPhone: init.contactPhone ?? '',
    idempotencyKey: init.idempotencyKey,
    updatedAt: init.now,
  }
}

export type DraftChange =
  | { type: 'category'; code: string }
  | { type: 'description'; text: string }
  | { type: 'building'; id: number | null }
  | { type: 'spot'; field: 'unit' | 'detail'; value: string }
  | { type: 'contactPhone'; value: string }
  | { type: 'photos'; photos: readonly PhotoItem[] }
  | { type: 'place'; place: ReportDraft['place'] }

/** One edit. The idempotency key never changes here: only a new draft gets a new key. */
export function applyChange(draft: ReportDraft, change: DraftChange, now: number): ReportDraft {
  switch (change.type) {
    case 'category':
      return { ...draft, categoryCode: change.code, updatedAt: now }
    case 'description':
      // Hard cap a little above the limit so a paste is visible but cannot grow without end.
      return { ...draft, description: change.text.slice(0, DESCRIPTION_MAX + 50), updatedAt: now }
    case 'building':
      return { ...draft, spot: { ...draft.spot, buildingId: change.id }, updatedAt: now }
    case 'spot':
      return { ...draft, spot: { ...draft.spot, [change.field]: change.value.slice(0, change.field === 'unit' ? UNIT_MAX : SPOT_DETAIL_MAX) }, updatedAt: now }
    case 'contactPhone':
      return { ...draft, contactPhone: change.value.replace(/[^\d]/g, '').slice(0, 11), updatedAt: now }
    case 'photos':
      return { ...draft, photos: change.photos.slice(0, MAX_PHOTOS), updatedAt: now }
    case 'place':
      return { ...draft, place: change.place, updatedAt: now }
  }
}

/** Has the owner typed or picked anything worth keeping? */
export function hasContent(draft: ReportDraft): boolean {
  return (
    draft.categoryCode !== null ||
    draft.description.trim() !== '' ||
    draft.photos.length > 0 ||
    draft.spot.unit.trim() !== '' ||
    draft.spot.detail.trim() !== ''
  )
}

export const PHONE_RE = /^1[3-9]\d{9}$/

export type DraftProblem =
  | 'qrToken'
  | 'category'
  | 'descriptionShort'
  | 'descriptionLong'
  | 'phone'
  | 'photosPending'
  | 'photosFailed'

/**
 * What stops this draft from being submitted; empty when it can go.
 * `categoryCodes`: the codes the server offers (unknown codes are refused), when loaded.
 */
export function validateDraft(draft: ReportDraft, categoryCodes?: readonly string[]): DraftProblem[] {
  const problems: DraftProblem[] = []
  if (!draft.qrToken) problems.push('qrToken')
  if (!draft.categoryCode || (categoryCodes && !categoryCodes.includes(draft.categoryCode))) problems.push('category')
  const len = countChars(draft.description.trim())
  if (len < DESCRIPTION_MIN) problems.push('descriptionShort')
  if (len > DESCRIPTION_MAX) problems.push('descriptionLong')
  if (!PHONE_RE.test(draft.contactPhone)) problems.push('phone')
  if (draft.photos.some((p) => p.status === 'queued' || p.status === 'uploading')) problems.push('photosPending')
  if (draft.photos.some((p) => p.status === 'failed')) problems.push('photosFailed')
  return problems
}

/** Characters as the owner counts them (an emoji is one, not two UTF-16 units). */
export function countChars(text: string): number {
  return Array.from(text).length
}

/** The spot as the server keeps it: unit and free text in one line (the building goes by id). */
export function locationText(spot: ReportDraft['spot']): string | null {
  const parts = [spot.unit.trim(), spot.detail.trim()].filter(Boolean)
  return parts.length ? parts.join(' ') : null
}

/** The reportTicket input (generated type), with the uploaded photo ids and the draft's key. */
export function toReportInput(draft: ReportDraft, categoryCodes?: readonly string[]): ReportTicketInput {
  const problems = validateDraft(draft, categoryCodes)
  if (problems.length) throw new Error(`draft not ready: ${problems.join(',')}`)
  return {
    qrToken: draft.qrToken as string,
    categoryCode: draft.categoryCode as string,
    text: draft.description.trim(),
    buildingId: draft.spot.buildingId,
    locationText: locationText(draft.spot),
    contactPhone: draft.contactPhone,
    photoIds: uploadedIds(draft.photos),
    idempotencyKey: draft.idempotencyKey,
  }
}

/** Read a stored draft defensively: anything malformed or from another version is dropped. */
export function parseDraft(raw: string | null | undefined, opts: { dropLocalPhotos?: boolean } = {}): ReportDraft | null {
  if (!raw) return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (!isRecord(value) || value.version !== 2) return null
  const d = value
  if (typeof d.idempotencyKey !== 'string' || d.idempotencyKey === '') return null
  if (typeof d.description !== 'string' || typeof d.contactPhone !== 'string') return null
  if (!isRecord(d.spot) || !Array.isArray(d.photos)) return null
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  // H5 picks are blob: URLs that die with the page: a photo not yet uploaded cannot come back.
  const photos = (d.photos as unknown[]).filter(isPhoto).filter((p) => !opts.dropLocalPhotos || p.status === 'done')
  const place = isRecord(d.place)
    ? {
        complexName: str(d.place.complexName),
        spotName: str(d.place.spotName),
        buildings: Array.isArray(d.place.buildings)
          ? (d.place.buildings as unknown[]).filter(isRecord).map((b) => ({ id: Number(b.id), name: str(b.name) })).filter((b) => Number.isInteger(b.id))
          : [],
      }
    : null
  const buildingId = typeof d.spot.buildingId === 'number' && Number.isInteger(d.spot.buildingId) ? d.spot.buildingId : null
  return {
    version: 2,
    qrToken: typeof d.qrToken === 'string' && d.qrToken !== '' ? d.qrToken : null,
    place,
    categoryCode: typeof d.categoryCode === 'string' ? d.categoryCode : null,
    description: d.description,
    photos: normalizeAfterRestore(photos),
    spot: { buildingId, unit: str(d.spot.unit), detail: str(d.spot.detail) },
    contactPhone: d.contactPhone,
    idempotencyKey: d.idempotencyKey,
    updatedAt: typeof d.updatedAt === 'number' ? d.updatedAt : 0,
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isPhoto(v: unknown): v is PhotoItem {
  return (
    isRecord(v) &&
    typeof v.key === 'string' &&
    typeof v.localPath === 'string' &&
    (v.status === 'queued' || v.status === 'uploading' || v.status === 'done' || v.status === 'failed')
  )
}

/**
 * The owner arrives (by QR) while a draft is stored.
 * - no draft, or an empty one → start fresh for this QR;
 * - same QR, or the draft has no QR yet → keep going;
 * - a different QR with content → ask: the old text belongs to another place.
 */
export type Arrival =
  | { kind: 'fresh' }
  | { kind: 'resume'; draft: ReportDraft }
  | { kind: 'ask'; stored: ReportDraft }

export function reconcileArrival(stored: ReportDraft | null, qrToken: string | null): Arrival {
  if (!stored || !hasContent(stored)) return { kind: 'fresh' }
  if (!qrToken || stored.qrToken === qrToken) return { kind: 'resume', draft: stored }
  if (!stored.qrToken) return { kind: 'resume', draft: { ...stored, qrToken } }
  return { kind: 'ask', stored }
}
