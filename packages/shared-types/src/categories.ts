import { Priority } from './enums';

export interface CategoryDef {
  readonly code: string;
  readonly name: string;
  readonly defaultPriority: Priority;
  /** Emergency sub-types: need minutes, not days; the mini-app shows what to do now. */
  readonly emergencies?: readonly { readonly code: string; readonly name: string; readonly advice: string }[];
}

/** The ten hot categories (十类热点难点问题) of the brief, plus 其他. Seeded into `categories`. */
export const CATEGORIES: readonly CategoryDef[] = [
  { code: 'PARKING', name: '停车管理', defaultPriority: Priority.NORMAL },
  { code: 'SERVICE_QUALITY', name: '物业服务态度与质量', defaultPriority: Priority.NORMAL },
  {
    code: 'ELEVATOR', name: '电梯管理', defaultPriority: Priority.HIGH,
    emergencies: [{ code: 'ELEVATOR_TRAPPED', name: '电梯困人', advice: '保持冷静，按下轿厢内警铃或拨打电梯内救援电话，不要强行扒门。紧急情况请拨打 119。' }],
  },
  {
    code: 'FACILITIES', name: '住宅设施设备维护', defaultPriority: Priority.NORMAL,
    emergencies: [{ code: 'WATER_LEAK', name: '水管爆裂', advice: '关闭入户总阀门，远离带电设备，移开贵重物品。' }],
  },
  { code: 'ACCESS_CONTROL', name: '门禁管理', defaultPriority: Priority.NORMAL },
  { code: 'FEE_CHANGE', name: '物业费变更', defaultPriority: Priority.LOW },
  { code: 'ROAD_REPAIR', name: '小区道路维修', defaultPriority: Priority.NORMAL },
  { code: 'CLUTTER', name: '楼内乱堆乱放', defaultPriority: Priority.NORMAL },
  { code: 'CLEANING_GREENING', name: '小区卫生保洁和绿化养护', defaultPriority: Priority.LOW },
  {
    code: 'FLOOD_SNOW', name: '防汛和清雪除冰', defaultPriority: Priority.HIGH,
    emergencies: [{ code: 'FLOODING', name: '积水倒灌', advice: '切断地下室电源，不要涉水进入地下车库，向高处转移。紧急情况请拨打 119。' }],
  },
  { code: 'OTHER', name: '其他', defaultPriority: Priority.NORMAL },
];

export const TICKET_TEXT_MAX = 1000;
export const TICKET_TEXT_MIN = 5;
export const MAX_PHOTOS_PER_ACTION = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const MEDIATION_WINDOW_DAYS = 7;

/** An owner may urge (催办) a ticket once per this many hours. */
export const URGE_INTERVAL_HOURS = 24;
/** The latest resolve-by an extension may ask for, in days from now. */
export const EXTENSION_MAX_DAYS = 90;
