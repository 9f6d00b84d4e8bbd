import { CATEGORIES } from '@msb/shared-types'
import { categoryIcon, emergencyPhone, subTypes, tileCode, topLevel } from './categories'

// The server seeds its categories from shared-types: the same list, flattened as the API returns it.
const fromServer = CATEGORIES.flatMap((c) => [
  { code: c.code, name: c.name, emergency: false, advice: null, parentCode: null },
  ...(c.emergencies ?? []).map((e) => ({ code: e.code, name: e.name, emergency: true, advice: e.advice, parentCode: c.code })),
])

describe('categories', () => {
  it('shows the ten hot categories + 其他 in the grid, each with its own icon', () => {
    const grid = topLevel(fromServer)
    expect(grid.map((c) => c.name)).toEqual([
      '停车管理', '物业服务态度与质量', '电梯管理', '住宅设施设备维护', '门禁管理', '物业费变更',
      '小区道路维修', '楼内乱堆乱放', '小区卫生保洁和绿化养护', '防汛和清雪除冰', '其他',
    ])
    expect(new Set(grid.map(categoryIcon)).size).toBe(11)
  })

  it('offers the emergency sub-types under their category, lighting the parent tile', () => {
    expect(subTypes(fromServer, 'ELEVATOR').map((c) => c.name)).toEqual(['电梯困人'])
    expect(subTypes(fromServer, 'PARKING')).toEqual([])
    expect(tileCode(fromServer, 'ELEVATOR_TRAPPED')).toBe('ELEVATOR')
    expect(tileCode(fromServer, 'PARKING')).toBe('PARKING')
    expect(categoryIcon({ code: 'ELEVATOR_TRAPPED', parentCode: 'ELEVATOR', emergency: true })).toBe('🛗')
  })

  it('tells the emergency number the advice names, or 119', () => {
    expect(emergencyPhone(fromServer.find((c) => c.code === 'ELEVATOR_TRAPPED')!)).toBe('119')
    expect(emergencyPhone({ advice: '请拨打 96101 联系供水抢修' })).toBe('96101')
    expect(emergencyPhone({ advice: '关闭入户总阀门。' })).toBe('119')
  })
})
