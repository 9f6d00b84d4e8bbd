/**
 * Photos are served only to people who may see the ticket. <Image>/<img> cannot send an
 * Authorization header, so the token goes in `access_token`. Local paths (blob:, wxfile:, http://tmp)
 * are left alone. Pure.
 */
export function mediaUrl(base: string, url: string, token: string | null): string {
  if (!url.startsWith('/media/')) return url
  const abs = `${base.replace(/\/+$/, '')}${url}`
  return token ? `${abs}${abs.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}` : abs
}
