/**
 * The BFF origin, replaced at build time by config/index.ts (H5: '' = the page's own origin, because the
 * BFF serves the H5 app; weapp: http://localhost:3000 unless TARO_APP_BFF_BASE_URL says otherwise).
 */
export const BFF_BASE_URL: string = process.env.TARO_APP_BFF_BASE_URL ?? ''

export const REQUEST_TIMEOUT_MS = 10_000
