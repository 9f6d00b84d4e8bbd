import { oversightZh } from '../../../i18n/oversight-zh'

export default definePageConfig({ navigationBarTitleText: oversightZh.titles.supervise })
