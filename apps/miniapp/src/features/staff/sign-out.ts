import Taro from '@tarojs/taro'
import { staffZh } from '../../i18n/staff-zh'
import { session } from '../../services/auth/session'
import { routes } from '../../routes'
import { staffSession } from './staff-session'

/** 退出 asks first (it sits near the thumb on a small phone), then back to the staff sign-in (issue 12 §11). */
export async function confirmSignOut(): Promise<void> {
  const { confirm } = await Taro.showModal({ title: staffZh.login.signOutConfirm, confirmText: staffZh.inbox.signOut, cancelText: '取消' })
  if (!confirm) return
  session.signOut()
  staffSession.clear()
  await Taro.reLaunch({ url: routes.staffLogin() })
}
