import { zh } from './i18n/zh'
import { appPages } from './routes'

// Main package: entry pages only (WeChat refuses a main package over 2 MB; we keep it under 1.5 MB).
// Every flow lives in its own subpackage; routes.ts lists them.
export default defineAppConfig({
  ...appPages(),
  // WeChat's code-quality audit (issue 12 §14): only the components a page uses are injected at start.
  lazyCodeLoading: 'requiredComponents',
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['report'] },
  },
  window: {
    navigationBarTitleText: zh.appName,
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
  },
})
