/** The little of Taro storage the app needs (drafts, session, caches); injected so logic stays testable. */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}
