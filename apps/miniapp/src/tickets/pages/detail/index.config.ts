import { zh } from '../../../i18n/zh'

export default definePageConfig({ navigationBarTitleText: zh.titles.ticketDetail, enablePullDownRefresh: true, enableShareAppMessage: true })
