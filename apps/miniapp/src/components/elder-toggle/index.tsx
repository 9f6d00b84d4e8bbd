import { Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import './index.css'

/** The 长辈模式 switch: one big row, its state in words as well as in the knob. */
export function ElderToggle({ on, onToggle }: { on: boolean; onToggle: () => void }) {
  return (
    <View className={`elder-toggle${on ? ' elder-toggle--on' : ''}`} id='elder-toggle' role='switch' aria-checked={on} onClick={onToggle}>
      <Text className='elder-toggle__text'>👓 {on ? zh.owner.elderOn : zh.owner.elderOff}</Text>
      <View className='elder-toggle__knob'>
        <View className='elder-toggle__dot' />
      </View>
    </View>
  )
}
