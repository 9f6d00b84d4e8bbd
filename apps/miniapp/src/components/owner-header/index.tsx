import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import { routes } from '../../routes'
import './index.css'

/** Back to the page below, or home when this page was opened directly (a shared link, a reload). */
export function goBackOrHome() {
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack()
  return Taro.reLaunch({ url: routes.home() })
}

/**
 * H5 has no navigation bar of its own: without this an owner who opened a link has no way back
 * (issue 12 §8). WeChat draws its own bar with a back button, so weapp renders nothing.
 */
export function OwnerHeader({ title }: { title?: string }) {
  if (process.env.TARO_ENV !== 'h5') return null
  return (
    <View className='owner-header' id='owner-header'>
      <View className='owner-header__btn' id='header-back' onClick={() => void goBackOrHome()}>
        ‹ {zh.owner.back}
      </View>
      {title ? <Text className='owner-header__title'>{title}</Text> : <View className='owner-header__title' />}
      <View className='owner-header__btn owner-header__btn--end' id='header-home' onClick={() => void Taro.reLaunch({ url: routes.home() })}>
        {zh.owner.backHome}
      </View>
    </View>
  )
}
