import path from 'node:path'
import webpack from 'webpack'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

/**
 * The BFF origin is fixed at build time. H5 is served by the BFF itself, so it calls the same origin;
 * the mini-program needs an absolute URL. `TARO_APP_BFF_BASE_URL` (shell or .env file) overrides both.
 */
function bffBaseUrl(): string {
  const configured = process.env.TARO_APP_BFF_BASE_URL
  if (configured !== undefined) return configured.replace(/\/+$/, '')
  return process.env.TARO_ENV === 'weapp' ? 'http://localhost:3000' : ''
}

/**
 * The subscribe template ids as the environment names them (TARO_APP_WECHAT_TEMPLATE_<KIND> and the BFF's
 * WECHAT_TEMPLATE_<KIND>); src/services/subscribe.ts reads them with src/domain/subscribe-templates.ts.
 */
const wechatTemplateEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name, value]) => value && /^(TARO_APP_)?WECHAT_TEMPLATE_[A-Z_]+$/.test(name)))

const UNUSED_MODULE = path.resolve(__dirname, 'unused-module.js')

/** webpack-chain arguments that swap modules matching `pattern` for an empty one (code the app never runs). */
const dropModules = (pattern: RegExp): [typeof webpack.NormalModuleReplacementPlugin, [RegExp, string]] => [
  webpack.NormalModuleReplacementPlugin,
  [pattern, UNUSED_MODULE],
]

// Every request goes through src/services/taro-adapter.ts, so axios's XHR and fetch adapters are dead code.
const AXIOS_BUILT_IN_ADAPTERS = /[\\/]axios[\\/]lib[\\/]adapters[\\/](xhr|fetch)\.js$/
// Taro's H5 request imports a fetch polyfill (every supported browser has fetch) and JSONP (never used).
const H5_UNUSED = /^(whatwg-fetch|jsonp-retry)$/

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'onetrip',
    date: '2026-11-22',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // `@/components/…`, `@/services/…`: the same mapping as tsconfig.json `paths` and jest's moduleNameMapper.
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    outputRoot: `dist/${process.env.TARO_ENV}`,
    env: { TARO_APP_BFF_BASE_URL: JSON.stringify(bffBaseUrl()), TARO_APP_WECHAT_TEMPLATES: JSON.stringify(JSON.stringify(wechatTemplateEnv())) },
    // WeChat reads sitemap.json from the mini-program root (app.json `sitemapLocation`); the H5 app's manifest, icons
    // and service worker are served from the site root.
    copy: {
      patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [{ from: 'src/public/', to: 'dist/h5/' }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      optimizeMainPackage: { enable: true },
      // Styles are BEM-scoped per component, so the order of shared CSS chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        chain.plugin('drop-axios-adapters').use(...dropModules(AXIOS_BUILT_IN_ADAPTERS))
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits initial chunks only; every page is an async chunk and would carry its own copy
        // of axios, zustand and the H5 components. Sharing them across pages keeps each page small.
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' })
        chain.plugin('drop-axios-adapters').use(...dropModules(AXIOS_BUILT_IN_ADAPTERS))
        chain.plugin('drop-h5-unused').use(...dropModules(H5_UNUSED))
      },
    },
  }
  return config
})
