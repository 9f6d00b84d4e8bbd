/**
 * The photos of one report as a small state machine (pure; the hook drives I/O).
 * queued → uploading(progress) → done(id,url) | failed(error) → retry → queued …
 */
export const MAX_PHOTOS = 9

export type PhotoStatus = 'queued' | 'uploading' | 'done' | 'failed'

export interface PhotoItem {
  /** Local identity, stable across re-renders and app restarts. */
  readonly key: string
  /** Where the picked (or compressed) file is on the device. */
  readonly localPath: string
  readonly status: PhotoStatus
  /** 0–100 while uploading. */
  readonly progress: number
  /** Server attachment id and URL once uploaded. */
  readonly id?: string
  readonly url?: string
  /** Why the last attempt failed (an error code, for the copy table). */
  readonly error?: string
}

export interface AddResult {
  readonly photos: PhotoItem[]
  /** How many picked files did not fit under MAX_PHOTOS. */
  readonly dropped: number
}

export function addPhotos(
  photos: readonly PhotoItem[],
  paths: readonly string[],
  makeKey: () => string,
  max = MAX_PHOTOS,
): AddResult {
  const room = Math.max(0, max - photos.length)
  const taken = paths.slice(0, room)
  const added: PhotoItem[] = taken.map((localPath) => ({ key: makeKey(), localPath, status: 'queued', progress: 0 }))
  return { photos: [...photos, ...added], dropped: paths.length - taken.length }
}

export function remainingSlots(photos: readonly PhotoItem[], max = MAX_PHOTOS): number {
  return Math.max(0, max - photos.length)
}

function update(photos: readonly PhotoItem[], key: string, patch: (p: PhotoItem) => PhotoItem): PhotoItem[] {
  return photos.map((p) => (p.key === key ? patch(p) : p))
}

export function startUpload(photos: readonly PhotoItem[], key: string, localPath?: string): PhotoItem[] {
  return update(photos, key, (p) => ({
    key: p.key,
    localPath: localPath ?? p.localPath,
    status: 'uploading',
    progress: 0,
  }))
}

export function setProgress(photos: readonly PhotoItem[], key: string, progress: number): PhotoItem[] {
  const clamped = Math.max(0, Math.min(100, Math.round(progress)))
  return update(photos, key, (p) => (p.status === 'uploading' ? { ...p, progress: clamped } : p))
}

export function markDone(photos: readonly PhotoItem[], key: string, uploaded: { id: string; url: string }): PhotoItem[] {
  return update(photos, key, (p) => ({ key: p.key, localPath: p.localPath, status: 'done', progress: 100, id: uploaded.id, url: uploaded.url }))
}

export function markFailed(photos: readonly PhotoItem[], key: string, error: string): PhotoItem[] {
  return update(photos, key, (p) => ({ key: p.key, localPath: p.localPath, status: 'failed', progress: 0, error }))
}

export function retryPhoto(photos: readonly PhotoItem[], key: string): PhotoItem[] {
  return update(photos, key, (p) => (p.status === 'failed' ? { key: p.key, localPath: p.localPath, status: 'queued', progress: 0 } : p))
}

export function removePhoto(photos: readonly PhotoItem[], key: string): PhotoItem[] {
  return photos.filter((p) => p.key !== key)
}

/** Next photo to send, one at a time (phones on a gate's 4G do better serially). */
export function nextQueued(photos: readonly PhotoItem[]): PhotoItem | undefined {
  if (photos.some((p) => p.status === 'uploading')) return undefined
  return photos.find((p) => p.status === 'queued')
}

/**
 * After a restart nothing is uploading any more: an upload cut off by closing the app
 * becomes a failure the owner can retry.
 */
export function normalizeAfterRestore(photos: readonly PhotoItem[]): PhotoItem[] {
  return photos.map((p) =>
    p.status === 'uploading' ? { key: p.key, localPath: p.localPath, status: 'failed', progress: 0, error: 'INTERRUPTED' } : p,
  )
}

export function uploadedIds(photos: readonly PhotoItem[]): string[] {
  return photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id as string)
}
