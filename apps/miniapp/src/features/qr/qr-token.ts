/**
 * Where the QR token comes from:
 * - WeChat 普通链接二维码: the page gets `q` = encodeURIComponent('https://host/q/<token>');
 * - our own links / H5: `?token=<token>` or `?q=<token>` (the BFF redirects /q/<token> here);
 * - Taro.scanCode inside the app: the raw scanned text, the same URL.
 * Returns null when there is nothing that looks like a token.
 */
const TOKEN_RE = /^[A-Za-z0-9_\-.~]{8,512}$/

export function tokenFromScannedText(text: string | null | undefined): string | null {
  if (!text) return null
  let s = text.trim()
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(s); i++) {
    try {
      s = decodeURIComponent(s)
    } catch {
      break
    }
  }
  // https://host/q/<token>[?…][#…]
  const path = s.match(/\/q\/([^/?#\s]+)/)
  if (path) return TOKEN_RE.test(path[1]) ? path[1] : null
  // …?token=<token> or …?q=<token> inside a URL
  const query = s.match(/[?&#](?:token|q)=([^&#\s]+)/)
  if (query) return tokenFromScannedText(query[1])
  return TOKEN_RE.test(s) ? s : null
}

export function tokenFromRouterParams(params: Record<string, string | undefined>): string | null {
  return tokenFromScannedText(params.token) ?? tokenFromScannedText(params.q) ?? tokenFromScannedText(params.scene)
}
