import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import './index.css'

export function EmergencyNotice({ advice, phone }: { advice: string; phone: string }) {
  return (
    <View className='emergency' role='alert'>
      <Text className='emergency__title'>🚨 {zh.report.emergencyTitle}</Text>
      <Text className='emergency__advice'>{advice}</Text>
      <View id='emergency-call' className='emergency__call' onClick={() => Taro.makePhoneCall({ phoneNumber: phone }).catch(() => {})}>
        {zh.report.emergencyCall(phone)}
      </View>
    </View>
  )
}
