import {
  addPhotos, MAX_PHOTOS, markDone, markFailed, nextQueued, remainingSlots, removePhoto, retryPhoto,
  setProgress, startUpload, uploadedIds,
} from './photo-queue'

let n = 0
const key = () => `p${++n}`

describe('photo queue', () => {
  it('takes at most nine photos and says how many did not fit', () => {
    const first = addPhotos([], Array.from({ length: 7 }, (_, i) => `/${i}.jpg`), key)
    const second = addPhotos(first.photos, ['/7.jpg', '/8.jpg', '/9.jpg', '/10.jpg'], key)
    expect(second.photos).toHaveLength(MAX_PHOTOS)
    expect(second.dropped).toBe(2)
    expect(remainingSlots(second.photos)).toBe(0)
  })

  it('uploads one at a time, with progress, and keeps the server id', () => {
    let photos = addPhotos([], ['/a.jpg', '/b.jpg'], key).photos
    const a = nextQueued(photos)!
    photos = startUpload(photos, a.key, '/a.small.jpg')
    expect(nextQueued(photos)).toBeUndefined()
    photos = setProgress(photos, a.key, 42.4)
    expect(photos[0]).toMatchObject({ status: 'uploading', progress: 42, localPath: '/a.small.jpg' })
    photos = markDone(photos, a.key, { id: 'att-a', url: '/f/a' })
    expect(nextQueued(photos)?.localPath).toBe('/b.jpg')
    expect(uploadedIds(photos)).toEqual(['att-a'])
  })

  it('lets a failed upload be retried or removed', () => {
    let photos = addPhotos([], ['/a.jpg'], key).photos
    const k = photos[0].key
    photos = markFailed(startUpload(photos, k), k, 'NETWORK')
    expect(photos[0]).toMatchObject({ status: 'failed', error: 'NETWORK' })
    expect(nextQueued(photos)).toBeUndefined()
    photos = retryPhoto(photos, k)
    expect(nextQueued(photos)?.key).toBe(k)
    expect(removePhoto(photos, k)).toEqual([])
  })

  it('ignores progress for a photo that is not uploading', () => {
    const photos = addPhotos([], ['/a.jpg'], key).photos
    expect(setProgress(photos, photos[0].key, 50)[0].progress).toBe(0)
  })
})
