import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { adminZh as t } from '../../../i18n/admin-zh'
import { useQuery } from '../../../features/common/use-query'
import { adminPlaces } from '../../../services/api/admin-operations'
import { ErrorState, LoadingState } from '../../../components/page-state'
import { PlacesPanel } from '../../components/places-panel'
import { PeoplePanel } from '../../components/people-panel'
import { ImportPanel, PostersPanel } from '../../components/files-panels'
import { AuditPanel } from '../../components/audit-panel'
import { UnitsPanel } from '../../components/units-panel'
import '../../../components/staff-ui/index.css'
import '../../admin.css'

const TABS = ['places', 'units', 'people', 'posters', 'import', 'audit'] as const
type Tab = (typeof TABS)[number]

/** Administrators' home: places, people, posters, import and the audit trail (a side menu on office screens, tabs on a phone). */
export default function AdminHome() {
  const [tab, setTab] = useState<Tab>('places')
  const places = useQuery(() => adminPlaces(), [], { keepOnChange: true })

  let body: JSX.Element
  if (places.state.status === 'loading') body = <LoadingState />
  else if (places.state.status === 'error') body = <ErrorState code={places.state.code} onRetry={places.reload} />
  else {
    const data = places.state.data
    body =
      tab === 'places' ? <PlacesPanel places={data} reload={places.reload} />
      : tab === 'units' ? <UnitsPanel places={data} />
      : tab === 'people' ? <PeoplePanel places={data} />
      : tab === 'posters' ? <PostersPanel places={data} />
      : tab === 'import' ? <ImportPanel onCommitted={places.reload} />
      : <AuditPanel />
  }

  return (
    <View className='adm' id='page-admin'>
      <View className='adm-nav'>
        <Text className='adm-nav__title'>{t.title}</Text>
        {TABS.map((k) => (
          <View key={k} id={`admin-tab-${k}`} className={`adm-nav__item${tab === k ? ' adm-nav__item--on' : ''}`} onClick={() => setTab(k)}>{t.tabs[k]}</View>
        ))}
      </View>
      <View className='adm-main'>{body}</View>
    </View>
  )
}
