/** Injected at build time (config/index.ts). '' on H5 = same origin as the page. */
export const apiBase: string = typeof API_BASE === 'string' ? API_BASE : ''

/** WeChat subscribe-message templates the owner is asked to allow when filing (at most 3 per request). */
export const wechatTemplateIds: string[] = (typeof WECHAT_TEMPLATE_IDS === 'string' ? WECHAT_TEMPLATE_IDS : '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .slice(0, 3)
