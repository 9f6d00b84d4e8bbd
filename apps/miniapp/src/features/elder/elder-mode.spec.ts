import { createElderMode } from './elder-mode'

const memory = () => {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }
}

describe('长辈模式', () => {
  it('is off until turned on, and is remembered by the device’s storage', () => {
    const store = memory()
    expect(createElderMode(store).isOn()).toBe(false)
    createElderMode(store).set(true)
    expect(createElderMode(store).isOn()).toBe(true) // a new page, same device
    createElderMode(store).set(false)
    expect(createElderMode(store).isOn()).toBe(false)
  })
})
