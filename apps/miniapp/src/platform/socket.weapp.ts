import Taro from '@tarojs/taro'
import type { LiveSocket, SocketHandlers } from './socket-types'

/** weapp: wx.connectSocket through Taro (the domain must be listed as a socket domain in the console). */

export type { LiveSocket, SocketHandlers }

export function openSocket(url: string, protocol: string, h: SocketHandlers): LiveSocket {
  let task: Taro.SocketTask | null = null
  let closed = false
  Taro.connectSocket({ url, protocols: [protocol] }).then(
    (t) => {
      task = t
      if (closed) return t.close({})
      t.onOpen(() => h.onOpen())
      t.onMessage((m) => h.onMessage(String(m.data)))
      t.onClose(() => h.onClose())
      t.onError(() => t.close({}))
    },
    () => h.onClose(),
  )
  return {
    send: (d) => task?.send({ data: d }),
    close: () => {
      closed = true
      task?.close({})
    },
  }
}
