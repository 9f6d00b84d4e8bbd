import { zh } from './i18n/zh'

// Main package: entry pages only (WeChat refuses a main package over 2 MB; we keep it under 1.5 MB).
// Every flow lives in its own subpackage.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [
    { root: 'report', pages: ['pages/new/index'] },
    { root: 'tickets', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'staff', pages: ['pages/login/index', 'pages/inbox/index', 'pages/detail/index', 'pages/assign/index', 'pages/dispatch/index', 'pages/resolve/index', 'pages/reason/index'] },
    { root: 'mediator', pages: ['pages/list/index', 'pages/record/index'] },
    { root: 'notifications', pages: ['pages/list/index'] },
  ],
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
