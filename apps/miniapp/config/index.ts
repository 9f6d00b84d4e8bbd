import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const TARO_ENV = process.env.TARO_ENV ?? 'h5'

/**
 * API base URL, fixed at build time (`API_BASE=https://host pnpm build:weapp`).
 * H5 defaults to '' = same origin: the BFF serves the H5 build and /graphql together.
 * WeChat needs an absolute https URL in production; the default is for the dev tools.
 */
const API_BASE = process.env.API_BASE ?? (TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'mashangban-miniapp',
    date: '2025-1-1',
    // Our styles are written against 750; NutUI's own files are drawn at 375 (see STACK.md).
    designWidth(input) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined
      if (file && file.replace(/\\+/g, '/').includes('@nutui')) return 375
      return 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(API_BASE),
      // The same template ids the BFF sends with (WECHAT_TEMPLATE_ACCEPTED / _RESOLVED / _RATING_DUE): the 提交
      // tap asks the owner's consent for them (wx.requestSubscribeMessage needs a user gesture).
      WECHAT_TEMPLATE_IDS: JSON.stringify(
        [process.env.WECHAT_TEMPLATE_ACCEPTED, process.env.WECHAT_TEMPLATE_RESOLVED, process.env.WECHAT_TEMPLATE_RATING_DUE].filter(Boolean).join(','),
      ),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // NutUI's per-component CSS is shared across pages; its order between chunks does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
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
        // 1rem = 20 px of CSS per 40 design px, as before; the root size grows with wider phones but never
        // drops below its 390 px value (20.8 px), so text does not shrink on a 320 px screen (issue 12 §5).
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 20.8 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro splits only the initial chunks: every lazily loaded page re-bundled the API client, the labels,
        // NutUI and shared-types (issue 12 §13). Shared code of the pages goes to shared chunks instead,
        // fetched once and cached (immutable) across pages.
        const split = (chain.optimization.get('splitChunks') ?? {}) as Record<string, unknown>
        chain.optimization.splitChunks({ ...split, chunks: 'all', minSize: 6000, maxAsyncRequests: 12, maxInitialRequests: 8 })
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
