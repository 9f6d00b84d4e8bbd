import { staffZh } from '../../../i18n/staff-zh'

export default definePageConfig({ navigationBarTitleText: staffZh.titles.detail })
