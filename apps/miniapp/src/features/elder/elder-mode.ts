import type { KeyValueStore } from '../../services/storage/key-value-store'

const KEY = 'msb:elder-mode:v1'

/**
 * 长辈模式 (issue 12 §7): larger type and a simpler report form, remembered on this device (not per
 * account: a parent's phone stays large whoever signs in). Pure over the store, so it is unit-tested.
 */
export function createElderMode(store: KeyValueStore) {
  return {
    isOn: (): boolean => store.getItem(KEY) === '1',
    set(on: boolean) {
      if (on) store.setItem(KEY, '1')
      else store.removeItem(KEY)
    },
  }
}
