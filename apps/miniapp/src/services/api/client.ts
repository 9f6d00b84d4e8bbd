import Taro from '@tarojs/taro'
import { goToLogin, session } from '../auth/session'
import { apiBase } from './config'
import { createGraphQLClient, type Transport } from './graphql-client'

const taroTransport: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method,
    header: req.headers,
    data: req.data,
    timeout: req.timeout,
    dataType: 'json',
    responseType: 'text',
  })
  return { statusCode: res.statusCode, data: res.data }
}

/** The session expired: forget it and sign in again, coming back to this page (drafts stay in storage). */
export function sessionExpired() {
  session.signOut()
  goToLogin()
}

/** The app's one GraphQL client. */
export const api = createGraphQLClient({
  baseUrl: apiBase,
  transport: taroTransport,
  getToken: session.token,
  onUnauthenticated: sessionExpired,
})
