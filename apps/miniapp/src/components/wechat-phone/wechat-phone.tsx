/** Fallback for typing (wechat-phone.weapp.tsx, wechat-phone.h5.tsx): no phone-number button. */
export function WechatPhoneButton(_props: { onPhone: (phone: string) => void }): JSX.Element | null {
  return null
}
