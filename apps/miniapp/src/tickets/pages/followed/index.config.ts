import { linksZh } from '../../../i18n/links-zh'

export default definePageConfig({ navigationBarTitleText: linksZh.followed.pageTitle, enablePullDownRefresh: true })
