/**
 * The ten hot categories (十类热点难点问题) + 其他, in the article's order.
 * `code` is the stable key shared with the BFF's `categories` query; the server's list
 * is the source of truth for what can be filed, this table adds icons and emergency help.
 */
export interface CategoryInfo {
  readonly code: CategoryCode
  readonly name: string
  readonly icon: string
  /** Shown when picked: what to do right now, and whom to call. */
  readonly emergency?: { readonly advice: string; readonly phone: string }
}

export type CategoryCode =
  | 'PARKING'
  | 'SERVICE_QUALITY'
  | 'ELEVATOR'
  | 'FACILITY_MAINTENANCE'
  | 'ACCESS_CONTROL'
  | 'PROPERTY_FEE'
  | 'ROAD_REPAIR'
  | 'HALLWAY_CLUTTER'
  | 'SANITATION_GREENING'
  | 'FLOOD_SNOW'
  | 'OTHER'

export const CATEGORIES: readonly CategoryInfo[] = [
  { code: 'PARKING', name: '停车管理', icon: '🚗' },
  { code: 'SERVICE_QUALITY', name: '物业服务态度与质量', icon: '🤝' },
  {
    code: 'ELEVATOR',
    name: '电梯管理',
    icon: '🛗',
    emergency: {
      advice: '如有人被困电梯：请保持冷静，不要扒门；按下轿厢内警铃或拨打轿厢内张贴的救援电话，等待救援。',
      phone: '119',
    },
  },
  { code: 'FACILITY_MAINTENANCE', name: '住宅设施设备维护', icon: '🔧' },
  { code: 'ACCESS_CONTROL', name: '门禁管理', icon: '🚪' },
  { code: 'PROPERTY_FEE', name: '物业费变更', icon: '💴' },
  { code: 'ROAD_REPAIR', name: '小区道路维修', icon: '🚧' },
  { code: 'HALLWAY_CLUTTER', name: '楼内乱堆乱放', icon: '📦' },
  { code: 'SANITATION_GREENING', name: '小区卫生保洁和绿化养护', icon: '🌳' },
  {
    code: 'FLOOD_SNOW',
    name: '防汛和清雪除冰',
    icon: '🌧️',
    emergency: {
      advice: '如遇积水倒灌、漏电等险情：请立即远离积水区域，不要靠近电箱和电线，必要时切断家中电源。',
      phone: '119',
    },
  },
  { code: 'OTHER', name: '其他', icon: '💬' },
]

export function findCategory(code: string | null | undefined): CategoryInfo | undefined {
  return code ? CATEGORIES.find((c) => c.code === code) : undefined
}
