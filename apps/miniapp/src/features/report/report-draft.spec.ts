import { CATEGORIES } from './categories'
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
  it('has all ten hot categories plus 其他, with unique codes', () => {
    expect(CATEGORIES.map((c) => c.name)).toEqual([
      '停车管理', '物业服务态度与质量', '电梯管理', '住宅设施设备维护', '门禁管理', '物业费变更',
      '小区道路维修', '楼内乱堆乱放', '小区卫生保洁和绿化养护', '防汛和清雪除冰', '其他',
    ])
    expect(new Set(CATEGORIES.map((c) => c.code)).size).toBe(11)
  })

  it('keeps its idempotency key through every kind of edit', () => {
    let d = filled()
    d = applyChange(d, { type: 'spot', field: 'building', value: '3号楼' }, 4)
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
      description: '3号楼电梯按钮失灵，已经两天了',
      building: null,
      unit: null,
      spotDetail: '地库入口',
      contactPhone: '13800138000',
      attachmentIds: ['att-1', 'att-2'],
      idempotencyKey: 'idem-1',
    })
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
    for (const raw of ['{', 'null', '[]', '{"version":2}', JSON.stringify({ ...filled(), idempotencyKey: '' })]) {
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
