import { Text, View } from '@tarojs/components'
import type { CategoryInfo } from '../../features/report/categories'
import './index.css'

interface Props {
  categories: readonly CategoryInfo[]
  value: string | null
  onChange: (code: string) => void
}

/** The ten hot categories + 其他 as large tiles, three to a row. */
export function CategoryGrid({ categories, value, onChange }: Props) {
  return (
    <View className='category-grid' role='radiogroup'>
      {categories.map((c) => {
        const selected = c.code === value
        return (
          <View
            key={c.code}
            id={`category-${c.code}`}
            className={`category-grid__tile${selected ? ' category-grid__tile--selected' : ''}`}
            role='radio'
            aria-checked={selected}
            onClick={() => onChange(c.code)}
          >
            <Text className='category-grid__icon'>{c.icon}</Text>
            <Text className='category-grid__name'>{c.name}</Text>
            {c.emergency ? <View className='category-grid__dot' /> : null}
          </View>
        )
      })}
    </View>
  )
}
