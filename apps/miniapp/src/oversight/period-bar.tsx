import { Picker, Text, View } from '@tarojs/components'
import { oversightZh as t } from '../i18n/oversight-zh'
import {
  KIND_LABEL, PERIOD_KINDS, PREV_NAME, canGoForward, customPeriod, periodLabel, shiftPeriod, switchKind, type PeriodSel,
} from '../features/oversight/period'

/**
 * Which period the figures are for: 日 / 周 / 月 / 半年 / 自定义, then ‹ the one before · its name · the next ›
 * (never past today); a custom range has its first and last day picked from calendars.
 */
export function PeriodBar({ period, today, onChange }: { period: PeriodSel; today: string; onChange: (p: PeriodSel) => void }) {
  const onDate = (end: 'from' | 'to') => (e: { detail: { value: string } }) => {
    const v = e.detail.value
    if (!v || v > today) return
    onChange(customPeriod(end === 'from' ? v : period.from, end === 'to' ? v : period.to))
  }
  return (
    <View className='ov-period' id='period-bar'>
      <View className='ov-chips ov-periods' id='period-kinds'>
        {PERIOD_KINDS.map((k) => (
          <View key={k} id={`period-${k}`} className={`ov-chip${k === period.kind ? ' ov-chip--on' : ''}`} onClick={() => onChange(switchKind(period, k, today))}>
            {KIND_LABEL[k]}
          </View>
        ))}
      </View>
      {period.kind === 'CUSTOM' ? (
        <View className='ov-range' id='period-range'>
          <Picker mode='date' value={period.from} end={today} onChange={onDate('from')}>
            <View className='ov-range__day' id='period-from'>{period.from}</View>
          </Picker>
          <Text className='ov-range__to'>{t.home.rangeTo}</Text>
          <Picker mode='date' value={period.to} end={today} onChange={onDate('to')}>
            <View className='ov-range__day' id='period-to'>{period.to}</View>
          </Picker>
        </View>
      ) : null}
      <View className='ov-month' id='month-switch'>
        <View className='ov-month__btn' id='month-prev' onClick={() => onChange(shiftPeriod(period, -1))}>‹ {PREV_NAME[period.kind]}</View>
        <Text className='ov-month__label' id='month-label'>{periodLabel(period)}</Text>
        {canGoForward(period, today) ? (
          <View className='ov-month__btn' id='month-next' onClick={() => onChange(shiftPeriod(period, 1))}>{t.home.next} ›</View>
        ) : (
          <View className='ov-month__btn ov-month__btn--off' />
        )}
      </View>
    </View>
  )
}
