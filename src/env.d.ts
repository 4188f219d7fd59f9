/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony' | 'jdrn' | undefined
    /** The BFF origin, fixed at build time by config/index.ts ('' = same origin). */
    TARO_APP_BFF_BASE_URL?: string
    /** JSON map of subscribe template ids per message kind (config/index.ts). */
    TARO_APP_WECHAT_TEMPLATES?: string
  }
}
