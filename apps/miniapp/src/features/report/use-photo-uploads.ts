import { useEffect } from 'react'
import { compressImage } from '../../platform/compress-image'
import { errorCodeOf } from '../../services/api/errors'
import { uploadPhoto } from '../../services/api/upload'
import { sessionExpired } from '../../services/api/client'
import { markDone, markFailed, nextQueued, setProgress, startUpload, type PhotoItem } from './photo-queue'

/** Drives the queue: compress → upload with progress → done | failed, one photo at a time. */
export function usePhotoUploads(photos: readonly PhotoItem[], setPhotos: (fn: (p: readonly PhotoItem[]) => PhotoItem[]) => void) {
  const next = nextQueued(photos)
  useEffect(() => {
    if (!next) return
    let cancelled = false
    const key = next.key
    ;(async () => {
      const small = await compressImage(next.localPath)
      if (cancelled) return
      setPhotos((p) => startUpload(p, key, small))
      try {
        const uploaded = await uploadPhoto(small, (pct) => setPhotos((p) => setProgress(p, key, pct)), sessionExpired)
        setPhotos((p) => markDone(p, key, uploaded))
      } catch (e) {
        setPhotos((p) => markFailed(p, key, errorCodeOf(e)))
      }
    })()
    return () => {
      cancelled = true
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [next?.key])
}
