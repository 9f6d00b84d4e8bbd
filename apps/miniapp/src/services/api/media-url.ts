/**
 * Photos are served only to people who may see the ticket. The server hands out short-lived signed links
 * (`/media/<id>?exp=…&sig=…`, or an object store's presigned URL): they need no token and get only the API
 * origin in front. An unsigned `/media/<id>` (an older server) gets the token as `access_token`, since
 * <Image>/<img> cannot send an Authorization header. Local paths (blob:, wxfile:, http://tmp) are left alone. Pure.
 */
export function mediaUrl(base: string, url: string, token: string | null): string {
  if (!url.startsWith('/media/')) return url
  const abs = `${base.replace(/\/+$/, '')}${url}`
  if (/[?&]sig=/.test(url)) return abs
  return token ? `${abs}${abs.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}` : abs
}
