import { Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import './index.css'

/** 1–5 stars as large tap targets, with the meaning of the chosen score. */
export function StarRating({ value, onChange }: { value: number; onChange: (v: number) => void }) {
  return (
    <View className='stars'>
      <View className='stars__row' role='radiogroup'>
        {[1, 2, 3, 4, 5].map((n) => (
          <View key={n} id={`star-${n}`} className={`stars__star${n <= value ? ' stars__star--on' : ''}`} role='radio' aria-checked={n === value} onClick={() => onChange(n)}>
            ★
          </View>
        ))}
      </View>
      <Text className='stars__label'>{value ? zh.actions.stars[value - 1] : ''}</Text>
    </View>
  )
}
