/** "9+" past nine, nothing at zero or unknown. Pure. */
export const badgeText = (n: number | null): string | null => (n && n > 0 ? (n > 9 ? '9+' : String(n)) : null)
