/** Injected at build time (config/index.ts). '' on H5 = same origin as the page. */
export const apiBase: string = typeof API_BASE === 'string' ? API_BASE : ''
