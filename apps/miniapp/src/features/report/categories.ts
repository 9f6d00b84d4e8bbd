/**
 * How categories look in the app. The list itself (codes, names, emergency sub-types and their
 * advice) comes from the server's `categories` query; this adds icons and the number to call.
 * Pure: no Taro, no API.
 */
export interface CategoryLike {
  readonly code: string
  readonly name: string
  readonly emergency: boolean
  readonly advice?: string | null
  readonly parentCode: string | null
}

/** Icons of the ten hot categories + 其他 (codes from @msb/shared-types CATEGORIES). */
const ICONS: Record<string, string> = {
  PARKING: '🚗',
  SERVICE_QUALITY: '🤝',
  ELEVATOR: '🛗',
  FACILITIES: '🔧',
  ACCESS_CONTROL: '🚪',
  FEE_CHANGE: '💴',
  ROAD_REPAIR: '🚧',
  CLUTTER: '📦',
  CLEANING_GREENING: '🌳',
  FLOOD_SNOW: '🌧️',
  OTHER: '💬',
}

export function categoryIcon(c: Pick<CategoryLike, 'code' | 'parentCode' | 'emergency'>): string {
  return ICONS[c.code] ?? (c.parentCode ? ICONS[c.parentCode] : undefined) ?? (c.emergency ? '🚨' : '💬')
}

/** The grid: categories an owner picks first (no parent), in the server's order. */
export function topLevel<C extends CategoryLike>(all: readonly C[]): C[] {
  return all.filter((c) => !c.parentCode)
}

/** Emergency (and other) sub-types of a category, e.g. 电梯困人 under 电梯管理. */
export function subTypes<C extends CategoryLike>(all: readonly C[], parentCode: string | null): C[] {
  return parentCode ? all.filter((c) => c.parentCode === parentCode) : []
}

/** The grid tile that is lit for a chosen code (a sub-type lights its parent). */
export function tileCode(all: readonly CategoryLike[], code: string | null): string | null {
  if (!code) return null
  const c = all.find((x) => x.code === code)
  return c?.parentCode ?? c?.code ?? null
}

/** The number an emergency tells the owner to call: the one its advice names, else 119. */
export function emergencyPhone(c: Pick<CategoryLike, 'advice'>): string {
  return c.advice?.match(/拨打\s*(\d{3,})/)?.[1] ?? '119'
}
