import { staffLinksZh } from '../../../i18n/links-zh'

export default definePageConfig({ navigationBarTitleText: staffLinksZh.titles.merge })
