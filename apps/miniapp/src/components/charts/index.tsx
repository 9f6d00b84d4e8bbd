import { Text, View } from '@tarojs/components'
import { barLengths } from '../../features/oversight/figures-view'
import './index.css'

/**
 * Charts drawn with Views and CSS: no canvas, no chart library in the package (see the oversight
 * section of the mini-app README for the cost we measured). Every bar carries its value as text
 * beside it, so nothing is read off an axis on a small screen.
 */

/** A share 0–1 as a filled track. */
export function Meter({ value, tone = 'red', id }: { value: number | null; tone?: 'red' | 'blue' | 'green'; id?: string }) {
  const w = value === null ? 0 : Math.max(0, Math.min(1, value)) * 100
  return (
    <View className='chart-meter' id={id}>
      <View className={`chart-meter__fill chart-meter__fill--${tone}`} style={{ width: `${w}%` }} />
    </View>
  )
}

/** Vertical bars, one per column (six months), the last one highlighted; null leaves a gap marked "—". */
export function Columns({ values, labels, format, max, id }: { values: (number | null)[]; labels: string[]; format: (v: number | null) => string; max?: number; id?: string }) {
  const h = barLengths(values, max)
  return (
    <View className='chart-cols' id={id}>
      {values.map((v, i) => (
        <View key={labels[i]} className='chart-cols__col' data-value={v === null ? '' : String(v)}>
          <Text className='chart-cols__value'>{format(v)}</Text>
          <View className='chart-cols__track'>
            {v === null ? null : <View className={`chart-cols__bar${i === values.length - 1 ? ' chart-cols__bar--now' : ''}`} style={{ height: `${h[i] ?? 0}%`, minHeight: '2px' }} />}
          </View>
          <Text className='chart-cols__label'>{labels[i]}</Text>
        </View>
      ))}
    </View>
  )
}

/** Horizontal bars with a label and a value each (categories, scores). */
export function HBars({ rows, max, id, onTap }: { rows: { key: string; label: string; value: number; text: string }[]; max?: number; id?: string; onTap?: (key: string) => void }) {
  const w = barLengths(rows.map((r) => r.value), max)
  return (
    <View className='chart-hbars' id={id}>
      {rows.map((r, i) => (
        <View key={r.key} className={`chart-hbars__row${onTap ? ' chart-hbars__row--tap' : ''}`} data-key={r.key} id={id ? `${id}-${r.key}` : undefined} onClick={onTap ? () => onTap(r.key) : undefined}>
          <Text className='chart-hbars__label'>{r.label}</Text>
          <View className='chart-hbars__track'>
            <View className='chart-hbars__bar' style={{ width: `${w[i] ?? 0}%` }} />
          </View>
          <Text className='chart-hbars__value'>{r.text}</Text>
        </View>
      ))}
    </View>
  )
}
