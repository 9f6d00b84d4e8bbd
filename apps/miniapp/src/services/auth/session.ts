import Taro from '@tarojs/taro'
import { taroKv } from '../storage/taro-kv'
import { parseSession, type StoredSession } from './session-state'
import { PAGES, pagePath, routes } from '../../routes'

const SESSION_KEY = 'msb:session:v1'
/** The last phone the owner signed in or filed with: prefills the next report's contact phone. */
const PHONE_KEY = 'msb:contact-phone'

/** The signed-in owner, kept across app restarts until the token expires. */
export const session = {
  current: (): StoredSession | null => parseSession(taroKv.getItem(SESSION_KEY), Date.now()),
  token: (): string | null => session.current()?.token ?? null,
  isSignedIn: (): boolean => session.current() !== null,
  phone: (): string | null => taroKv.getItem(PHONE_KEY),
  rememberPhone(phone: string) {
    if (/^1\d{10}$/.test(phone)) taroKv.setItem(PHONE_KEY, phone)
  },
  signIn(s: StoredSession, phone?: string | null) {
    taroKv.setItem(SESSION_KEY, JSON.stringify(s))
    if (phone) session.rememberPhone(phone)
  },
  signOut() {
    taroKv.removeItem(SESSION_KEY)
  },
}

let redirecting = false

/**
 * Send the owner to sign in, then back to where they were. Drafts live in storage and are
 * untouched, so an expired session never loses what was typed.
 */
export function goToLogin(returnTo?: string) {
  if (redirecting) return
  const pages = Taro.getCurrentPages()
  const here = pages[pages.length - 1]
  if (here && pagePath(here.route ?? '').startsWith(PAGES.login)) return
  redirecting = true
  const back = returnTo ?? (here ? `${pagePath(here.route ?? '')}${queryString(here.options as Record<string, string> | undefined)}` : '')
  Taro.navigateTo({ url: routes.login(back) }).finally(() => {
    redirecting = false
  })
}

function queryString(options?: Record<string, string>) {
  const entries = Object.entries(options ?? {}).filter(([k]) => k !== '$taroTimestamp' && k !== 'stamp')
  return entries.length ? `?${entries.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}
