import { createDraftStore, memoryStore, DRAFT_KEY } from './draft-store'
import { addPhotos, markDone, startUpload, markFailed } from './photo-queue'
import {
  applyChange,
  createDraft,
  DESCRIPTION_MAX,
  hasContent,
  parseDraft,
  reconcileArrival,
  toReportInput,
  validateDraft,
  type ReportDraft,
} from './report-draft'

let n = 0
const key = () => `k${++n}`

function filled(): ReportDraft {
  let d = createDraft({ idempotencyKey: 'idem-1', now: 1, qrToken: 'tok_ABCDEFGH', contactPhone: '13800138000' })
  d = applyChange(d, { type: 'category', code: 'ELEVATOR' }, 2)
  d = applyChange(d, { type: 'description', text: '3号楼电梯按钮失灵，已经两天了' }, 3)
  return d
}

describe('report draft', () => {
  it('keeps its idempotency key through every kind of edit', () => {
    let d = filled()
    d = applyChange(d, { type: 'building', id: 3 }, 4)
    d = applyChange(d, { type: 'contactPhone', value: '139 0013 9000' }, 5)
    d = applyChange(d, { type: 'photos', photos: addPhotos([], ['/a.jpg'], key).photos }, 6)
    expect(d.idempotencyKey).toBe('idem-1')
    expect(d.contactPhone).toBe('13900139000')
    expect(d.updatedAt).toBe(6)
  })

  it('is ready to submit only when category, text, phone and QR are valid and photos are uploaded', () => {
    expect(validateDraft(createDraft({ idempotencyKey: 'x', now: 0 }))).toEqual(
      expect.arrayContaining(['qrToken', 'category', 'descriptionShort', 'phone']),
    )
    const d = filled()
    expect(validateDraft(d)).toEqual([])
    expect(validateDraft(d, ['PARKING', 'ELEVATOR'])).toEqual([])
    expect(validateDraft(d, ['PARKING'])).toEqual(['category'])

    const withPhoto = applyChange(d, { type: 'photos', photos: addPhotos([], ['/a.jpg'], key).photos }, 9)
    expect(validateDraft(withPhoto)).toEqual(['photosPending'])
    const failed = applyChange(withPhoto, { type: 'photos', photos: markFailed(withPhoto.photos, withPhoto.photos[0].key, 'NETWORK') }, 9)
    expect(validateDraft(failed)).toEqual(['photosFailed'])
  })

  it('counts the description limit in characters the owner sees', () => {
    const long = applyChange(filled(), { type: 'description', text: '好'.repeat(DESCRIPTION_MAX + 1) }, 9)
    expect(validateDraft(long)).toEqual(['descriptionLong'])
    const emoji = applyChange(filled(), { type: 'description', text: '🚗🚗🚗🚗' }, 9)
    expect(validateDraft(emoji)).toEqual(['descriptionShort'])
  })

  it('turns a ready draft into the reportTicket input with uploaded photo ids and the same key', () => {
    let d = filled()
    let photos = addPhotos([], ['/a.jpg', '/b.jpg'], key).photos
    photos = markDone(startUpload(photos, photos[0].key), photos[0].key, { id: 'att-1', url: '/u/1' })
    photos = markDone(startUpload(photos, photos[1].key), photos[1].key, { id: 'att-2', url: '/u/2' })
    d = applyChange(d, { type: 'photos', photos }, 7)
    d = applyChange(d, { type: 'spot', field: 'detail', value: '  地库入口 ' }, 8)
    expect(toReportInput(d)).toEqual({
      qrToken: 'tok_ABCDEFGH',
      categoryCode: 'ELEVATOR',
      text: '3号楼电梯按钮失灵，已经两天了',
      buildingId: null,
      locationText: '地库入口',
      contactPhone: '13800138000',
      photoIds: ['att-1', 'att-2'],
      idempotencyKey: 'idem-1',
    })
    d = applyChange(applyChange(d, { type: 'building', id: 7 }, 9), { type: 'spot', field: 'unit', value: '2单元' }, 9)
    expect(toReportInput(d)).toMatchObject({ buildingId: 7, locationText: '2单元 地库入口' })
  })

  it('refuses to build input from a draft that is not ready', () => {
    expect(() => toReportInput(createDraft({ idempotencyKey: 'x', now: 0 }))).toThrow(/not ready/)
  })
})

describe('draft persistence', () => {
  it('survives an app restart: what was saved is what is restored', () => {
    const kv = memoryStore()
    const d = applyChange(filled(), { type: 'spot', field: 'unit', value: '2单元' }, 10)
    createDraftStore(kv).save(d)
    // "restart": a new store over the same storage
    expect(createDraftStore(kv).load()).toEqual(d)
  })

  it('on H5 forgets photos that were never uploaded (their blob: URLs die with the page), keeps uploaded ones', () => {
    const kv = memoryStore()
    let photos = addPhotos([], ['blob:a', 'blob:b'], key).photos
    photos = markDone(startUpload(photos, photos[0].key), photos[0].key, { id: '9', url: '/media/9' })
    createDraftStore(kv).save(applyChange(filled(), { type: 'photos', photos }, 10))
    expect(createDraftStore(kv, { dropLocalPhotos: true }).load()?.photos.map((p) => p.id)).toEqual(['9'])
    expect(createDraftStore(kv).load()?.photos).toHaveLength(2)
  })

  it('keeps the QR place with its buildings, for showing offline', () => {
    const kv = memoryStore()
    const place = { complexName: '明湖花园', spotName: '东门', buildings: [{ id: 1, name: '1号楼' }] }
    const d = createDraft({ idempotencyKey: 'idem-9', now: 1, qrToken: 'tok_ABCDEFGH', place, buildingId: 1 })
    createDraftStore(kv).save(applyChange(d, { type: 'description', text: '路灯不亮了很久' }, 2))
    expect(createDraftStore(kv).load()).toMatchObject({ place, spot: { buildingId: 1 } })
  })

  it('turns an upload cut off by closing the app into a retryable failure', () => {
    const kv = memoryStore()
    let photos = addPhotos([], ['/a.jpg'], key).photos
    photos = startUpload(photos, photos[0].key)
    createDraftStore(kv).save(applyChange(filled(), { type: 'photos', photos }, 10))
    const restored = createDraftStore(kv).load()
    expect(restored?.photos[0]).toMatchObject({ status: 'failed', error: 'INTERRUPTED', localPath: '/a.jpg' })
  })

  it('is gone after clear (a successful submit)', () => {
    const kv = memoryStore()
    const store = createDraftStore(kv)
    store.save(filled())
    store.clear()
    expect(store.load()).toBeNull()
    expect(kv.data[DRAFT_KEY]).toBeUndefined()
  })

  it('ignores corrupt or foreign data instead of crashing', () => {
    for (const raw of ['{', 'null', '[]', '{"version":2}', '{"version":1}', JSON.stringify({ ...filled(), idempotencyKey: '' })]) {
      expect(createDraftStore(memoryStore({ [DRAFT_KEY]: raw })).load()).toBeNull()
    }
    expect(parseDraft(undefined)).toBeNull()
  })

  it('keeps the form usable when storage throws', () => {
    const broken = { getItem: () => { throw new Error('x') }, setItem: () => { throw new Error('full') }, removeItem: () => { throw new Error('x') } }
    const store = createDraftStore(broken)
    expect(() => store.save(filled())).not.toThrow()
    expect(store.load()).toBeNull()
    expect(() => store.clear()).not.toThrow()
  })
})

describe('arriving with a stored draft', () => {
  it('starts fresh when nothing worth keeping is stored', () => {
    expect(reconcileArrival(null, 'tok_ABCDEFGH')).toEqual({ kind: 'fresh' })
    expect(reconcileArrival(createDraft({ idempotencyKey: 'x', now: 0, qrToken: 'tok_OTHER123' }), 'tok_ABCDEFGH')).toEqual({ kind: 'fresh' })
  })

  it('resumes the draft for the same QR, or when opened without one', () => {
    const d = filled()
    expect(reconcileArrival(d, 'tok_ABCDEFGH')).toEqual({ kind: 'resume', draft: d })
    expect(reconcileArrival(d, null)).toEqual({ kind: 'resume', draft: d })
  })

  it('asks before mixing a draft from another spot with a new QR', () => {
    expect(reconcileArrival(filled(), 'tok_ZZZZZZZZ').kind).toBe('ask')
    expect(hasContent(filled())).toBe(true)
  })
})
