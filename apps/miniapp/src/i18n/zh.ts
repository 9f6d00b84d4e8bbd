export const zh = { appName: '码上办' } as const
