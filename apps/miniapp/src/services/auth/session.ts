import Taro from '@tarojs/taro'
import { taroKv } from '../storage/taro-kv'

const TOKEN_KEY = 'msb:session-token'
const PHONE_KEY = 'msb:session-phone'
const LOGIN_PAGE = '/pages/login/index'

/** The signed-in owner's JWT, kept across app restarts. */
export const session = {
  token: (): string | null => taroKv.getItem(TOKEN_KEY),
  phone: (): string | null => taroKv.getItem(PHONE_KEY),
  signIn(token: string, phone?: string | null) {
    taroKv.setItem(TOKEN_KEY, token)
    if (phone) taroKv.setItem(PHONE_KEY, phone)
  },
  signOut() {
    taroKv.removeItem(TOKEN_KEY)
  },
  isSignedIn: (): boolean => taroKv.getItem(TOKEN_KEY) !== null,
}

let redirecting = false

/**
 * Send the owner to sign in, then back to where they were. Drafts live in storage and are
 * untouched, so an expired session never loses what was typed.
 */
export function goToLogin(returnTo?: string) {
  if (redirecting) return
  redirecting = true
  const pages = Taro.getCurrentPages()
  const here = pages[pages.length - 1]
  const back = returnTo ?? (here ? `/${here.route}${queryString(here.options as Record<string, string> | undefined)}` : '')
  Taro.navigateTo({ url: `${LOGIN_PAGE}?redirect=${encodeURIComponent(back)}` }).finally(() => {
    redirecting = false
  })
}

function queryString(options?: Record<string, string>) {
  const entries = Object.entries(options ?? {}).filter(([k]) => k !== '$taroTimestamp')
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}
