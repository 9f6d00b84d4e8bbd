/** H5 keeps the SMS-verified number (prefilled) and the keyboard's own suggestion (autocomplete="tel"). */
export function WechatPhoneButton(_props: { onPhone: (phone: string) => void }): JSX.Element | null {
  return null
}
