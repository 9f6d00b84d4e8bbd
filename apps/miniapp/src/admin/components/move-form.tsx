import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { adminZh as t } from '../../i18n/admin-zh'
import { movePlace, type AdminPlace, type AdminPlaces } from '../../services/api/admin-operations'
import { useAdminAction } from './use-admin-action'

const PARENT_LEVEL: Record<string, string> = { DISTRICT: 'CITY', STREET: 'DISTRICT', COMMUNITY: 'STREET' }

/** Where a place may move: an area under another area of the level above, a complex to another community, a spot to another building of its complex (or none). */
export function moveTargets(p: AdminPlace, places: AdminPlaces): { id: number | null; name: string }[] {
  if (p.kind === 'COMPLEX') return places.areas.filter((a) => a.level === 'COMMUNITY' && a.active && a.id !== p.parentId).map((a) => ({ id: a.id, name: a.name }))
  if (p.kind === 'SPOT') {
    const here = places.buildings.filter((b) => b.parentId === p.parentId && b.active && b.id !== p.buildingId).map((b) => ({ id: b.id as number | null, name: b.name }))
    return p.buildingId != null ? [{ id: null, name: t.noBuilding }, ...here] : here
  }
  if (p.kind === 'AREA' && p.level && PARENT_LEVEL[p.level]) return places.areas.filter((a) => a.level === PARENT_LEVEL[p.level!] && a.active && a.id !== p.parentId).map((a) => ({ id: a.id, name: a.name }))
  return []
}

export const movable = (p: AdminPlace) => p.kind === 'COMPLEX' || p.kind === 'SPOT' || (p.kind === 'AREA' && !!p.level && !!PARENT_LEVEL[p.level])

/** Moves a place: a complex to another street's community, a gate or spot to another building. Nothing on a ticket changes. */
export function MoveForm({ place, places, onDone, onCancel }: { place: AdminPlace; places: AdminPlaces; onDone: () => void; onCancel: () => void }) {
  const targets = moveTargets(place, places)
  const [to, setTo] = useState<number | null | undefined>(undefined)
  const act = useAdminAction()
  const save = async () => {
    if (to === undefined) return
    if (await act.run(() => movePlace(place.kind, place.id, to), t.moved)) onDone()
  }
  return (
    <View className='adm-card adm-form' id='move-form'>
      <Text className='adm-card__title'>{t.moveTo(place.name)}</Text>
      {targets.length ? (
        <View className='chips'>
          {targets.map((x) => (
            <Text key={String(x.id)} id={`move-to-${x.id ?? 'none'}`} className={`chip${to === x.id ? ' chip--on' : ''}`} onClick={() => setTo(x.id)}>{x.name}</Text>
          ))}
        </View>
      ) : <Text className='adm-empty' id='move-empty'>{t.empty}</Text>}
      {act.error ? <Text className='error-text' id='move-error'>{act.error}</Text> : null}
      <View className='adm-toolbar'>
        <View id='move-save' className={`adm-btn adm-btn--primary${act.busy ? ' btn--busy' : ''}${to === undefined ? ' adm-btn--off' : ''}`} onClick={save}>{t.move}</View>
        <View className='adm-btn' onClick={onCancel}>{t.cancel}</View>
      </View>
    </View>
  )
}
