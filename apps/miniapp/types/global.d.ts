/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'

/** Injected by config/index.ts defineConstants. '' = same origin (H5 served by the BFF). */
declare const API_BASE: string
/** WeChat subscribe-message template ids (accepted, resolved, rating due), comma-separated; '' = none configured. */
declare const WECHAT_TEMPLATE_IDS: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    TARO_APP_ID: string
    API_BASE?: string
  }
}
