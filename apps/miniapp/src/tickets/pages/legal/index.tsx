import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { OwnerHeader } from '../../../components/owner-header'
import { LEGAL } from './legal-text'
import './index.css'

/** The agreement or the privacy policy (`doc=terms|privacy`), linked from the consent box on sign-in. */
export default function Legal() {
  const { params } = useRouter()
  const doc = LEGAL[params.doc === 'privacy' ? 'privacy' : 'terms']
  return (
    <View className='page legal' id='page-legal'>
      <OwnerHeader title={doc.title} />
      <Text className='legal__title'>{doc.title}</Text>
      {doc.sections.map((s) => (
        <View key={s.heading} className='legal__section'>
          <Text className='legal__heading'>{s.heading}</Text>
          <Text className='legal__body'>{s.body}</Text>
        </View>
      ))}
    </View>
  )
}
