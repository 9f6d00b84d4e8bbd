import { zh } from '../../../i18n/zh'

export default definePageConfig({ navigationBarTitleText: zh.titles.sharedTicket, enablePullDownRefresh: true })
