import { zh } from '../../../i18n/zh'

export default definePageConfig({ navigationBarTitleText: zh.disclosure.title, enablePullDownRefresh: true })
