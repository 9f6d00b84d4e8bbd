import { adminZh } from '../../../i18n/admin-zh'

export default definePageConfig({ navigationBarTitleText: adminZh.title })
