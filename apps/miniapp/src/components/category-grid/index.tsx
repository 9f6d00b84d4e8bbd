import { Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import { categoryIcon, subTypes, tileCode, topLevel, type CategoryLike } from '../../features/report/categories'
import './index.css'

interface Props {
  /** The server's list (top-level categories and their sub-types). */
  categories: readonly CategoryLike[]
  value: string | null
  onChange: (code: string) => void
}

/**
 * The ten hot categories + 其他 as large tiles, three to a row. A category with emergency sub-types
 * (电梯管理 → 电梯困人) offers them as chips once picked; picking one files under the sub-type.
 */
export function CategoryGrid({ categories, value, onChange }: Props) {
  const lit = tileCode(categories, value)
  const subs = subTypes(categories, lit)
  return (
    <View>
      <View className='category-grid' role='radiogroup'>
        {topLevel(categories).map((c) => {
          const selected = c.code === lit
          const hasEmergency = subTypes(categories, c.code).some((s) => s.emergency)
          return (
            <View
              key={c.code}
              id={`category-${c.code}`}
              className={`category-grid__tile${selected ? ' category-grid__tile--selected' : ''}`}
              role='radio'
              aria-checked={selected}
              onClick={() => onChange(c.code)}
            >
              <Text className='category-grid__icon'>{categoryIcon(c)}</Text>
              <Text className='category-grid__name'>{c.name}</Text>
              {hasEmergency ? <View className='category-grid__dot' /> : null}
            </View>
          )
        })}
      </View>
      {subs.length ? (
        <View className='category-grid__subs'>
          <Text className='category-grid__subs-title'>{zh.report.emergencyQuestion}</Text>
          <View className='category-grid__chips'>
            {subs.map((s) => {
              const selected = s.code === value
              return (
                <View
                  key={s.code}
                  id={`category-${s.code}`}
                  className={`category-grid__chip${selected ? ' category-grid__chip--selected' : ''}`}
                  role='radio'
                  aria-checked={selected}
                  onClick={() => onChange(selected && lit ? lit : s.code)}
                >
                  {s.emergency ? <Text className='category-grid__chip-tag'>{zh.report.emergencyTag}</Text> : null}
                  <Text>{s.name}</Text>
                </View>
              )
            })}
          </View>
        </View>
      ) : null}
    </View>
  )
}
