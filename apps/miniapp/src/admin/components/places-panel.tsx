import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { adminZh as t } from '../../i18n/admin-zh'
import { childKinds, flatten, placesTree } from '../../features/admin/places-tree'
import {
  adminFileUrl, createPlace, openAdminFile, rotateSpotQr, setPlaceActive, spotQrLink, updatePlace, type AdminPlace, type AdminPlaces,
} from '../../services/api/admin-operations'
import { useAdminAction } from './use-admin-action'
import { MoveForm, movable } from './move-form'

interface Draft { parent: AdminPlace | null; kind: string; level?: string; label: string }

/** The places tree: district → street → community → complex → buildings and gates; create, rename, deactivate, codes. */
export function PlacesPanel({ places, reload }: { places: AdminPlaces; reload: () => void }) {
  const [draft, setDraft] = useState<Draft | null>(null)
  const [renaming, setRenaming] = useState<AdminPlace | null>(null)
  const [moving, setMoving] = useState<AdminPlace | null>(null)
  const [links, setLinks] = useState<Record<number, string>>({})
  const act = useAdminAction()
  const rows = flatten(placesTree(places))
  const companyName = (id: number | null) => places.companies.find((c) => c.id === id)?.name ?? t.noCompany

  const toggle = async (p: AdminPlace) => {
    if (await act.run(() => setPlaceActive(p.kind, p.id, !p.active), t.saved)) reload()
  }
  const showLink = async (id: number) => {
    const l = await act.run(() => spotQrLink(id))
    if (l) setLinks((m) => ({ ...m, [id]: l }))
  }
  const rotate = async (id: number) => {
    const l = await act.run(() => rotateSpotQr(id), t.rotated)
    if (l) setLinks((m) => ({ ...m, [id]: l }))
  }

  return (
    <View id='admin-places'>
      <View className='adm-toolbar'>
        <View id='add-city' className='adm-btn' onClick={() => setDraft({ parent: null, kind: 'AREA', level: 'CITY', label: t.levels.CITY })}>{t.newCity}</View>
        <View id='add-company' className='adm-btn' onClick={() => setDraft({ parent: null, kind: 'COMPANY', label: t.kinds.COMPANY })}>{t.newCompany}</View>
      </View>
      {act.error ? <Text className='error-text' id='admin-error'>{act.error}</Text> : null}
      {draft ? <PlaceForm draft={draft} companies={places.companies} onDone={() => (setDraft(null), reload())} onCancel={() => setDraft(null)} /> : null}
      {renaming ? <RenameForm place={renaming} onDone={() => (setRenaming(null), reload())} onCancel={() => setRenaming(null)} /> : null}
      {places.companies.length ? (
        <View className='adm-card'>
          <Text className='adm-card__title'>{t.kinds.COMPANY}</Text>
          {places.companies.map((c) => (
            <View key={c.id} className='adm-row' id={`place-COMPANY-${c.id}`}>
              <Text className='adm-row__name'>{c.name}</Text>
              <Text className='adm-row__meta'>{c.servicePhone ?? ''}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className='adm-card'>
        {rows.length === 0 ? <Text className='adm-empty'>{t.empty}</Text> : null}
        {rows.map(({ place: p, depth }) => (
          <View key={`${p.kind}-${p.id}`} className={`adm-row${p.active ? '' : ' adm-row--off'}`} id={`place-${p.kind}-${p.id}`} style={{ paddingLeft: `${16 + depth * 28}px` }}>
            <Text className='adm-row__kind'>{p.kind === 'AREA' ? t.levels[p.level ?? ''] : t.kinds[p.kind]}</Text>
            <Text className='adm-row__name'>{p.name}</Text>
            {p.kind === 'COMPLEX' ? <Text className='adm-row__meta'>{companyName(p.companyId)} {p.servicePhone ?? ''}</Text> : null}
            {!p.active ? <Text className='adm-row__off'>{t.inactive}</Text> : null}
            <View className='adm-row__actions'>
              {p.active ? childKinds(p).map((k) => (
                <Text key={k.kind} className='adm-link' id={`add-${k.kind}-under-${p.kind}-${p.id}`} onClick={() => setDraft({ parent: p, kind: k.kind, level: k.level, label: k.label })}>+{k.label}</Text>
              )) : null}
              <Text className='adm-link' id={`rename-${p.kind}-${p.id}`} onClick={() => setRenaming(p)}>{t.rename}</Text>
              {p.active && movable(p) ? <Text className='adm-link' id={`move-${p.kind}-${p.id}`} onClick={() => setMoving(p)}>{t.move}</Text> : null}
              <Text className='adm-link' id={`toggle-${p.kind}-${p.id}`} onClick={() => toggle(p)}>{p.active ? t.deactivate : t.activate}</Text>
              {p.kind === 'SPOT' && p.active ? (
                <>
                  <Text className='adm-link' id={`qr-link-${p.id}`} onClick={() => showLink(p.id)}>{t.qrLink}</Text>
                  <Text className='adm-link' id={`qr-rotate-${p.id}`} onClick={() => rotate(p.id)}>{t.rotate}</Text>
                  <Text className='adm-link' id={`poster-a4-${p.id}`} onClick={() => openAdminFile(adminFileUrl(`/admin/posters/spots/${p.id}`, { size: 'A4' }), 'pdf')}>{t.posterA4}</Text>
                  <Text className='adm-link' onClick={() => openAdminFile(adminFileUrl(`/admin/posters/spots/${p.id}`, { size: 'A5' }), 'pdf')}>{t.posterA5}</Text>
                </>
              ) : null}
            </View>
            {moving && moving.kind === p.kind && moving.id === p.id ? <MoveForm place={moving} places={places} onDone={() => (setMoving(null), reload())} onCancel={() => setMoving(null)} /> : null}
            {links[p.id] && p.kind === 'SPOT' ? <Text className='adm-row__link' id={`qr-link-text-${p.id}`} userSelect>{links[p.id]}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}

function PlaceForm({ draft, companies, onDone, onCancel }: { draft: Draft; companies: AdminPlace[]; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState('')
  const [address, setAddress] = useState('')
  const [phone, setPhone] = useState('')
  const [emergency, setEmergency] = useState('')
  const [companyId, setCompanyId] = useState<number | null>(null)
  const act = useAdminAction()
  const complex = draft.kind === 'COMPLEX'
  const save = async () => {
    const r = await act.run(() => createPlace({
      kind: draft.kind as AdminPlace['kind'], parentId: draft.parent?.id ?? null, level: (draft.level as AdminPlace['level']) ?? null, name,
      ...(complex ? { address, companyId, servicePhone: phone, emergencyPhone: emergency } : {}),
      ...(draft.kind === 'COMPANY' ? { servicePhone: phone } : {}),
    }), t.saved)
    if (r) onDone()
  }
  return (
    <View className='adm-card adm-form' id='place-form'>
      <Text className='adm-card__title'>{t.add(draft.label)}{draft.parent ? ` · ${draft.parent.name}` : ''}</Text>
      <Field id='place-name' label={t.name} value={name} onInput={setName} />
      {complex ? <Field id='place-address' label={t.address} value={address} onInput={setAddress} /> : null}
      {complex || draft.kind === 'COMPANY' ? <Field id='place-phone' label={t.servicePhone} value={phone} onInput={setPhone} /> : null}
      {complex ? <Field id='place-emergency' label={t.emergencyPhone} value={emergency} onInput={setEmergency} /> : null}
      {complex ? (
        <View className='field'>
          <Text className='field__label'>{t.company}</Text>
          <View className='chips'>
            {companies.map((c) => (
              <Text key={c.id} id={`pick-company-${c.id}`} className={`chip${companyId === c.id ? ' chip--on' : ''}`} onClick={() => setCompanyId(c.id)}>{c.name}</Text>
            ))}
          </View>
        </View>
      ) : null}
      {act.error ? <Text className='error-text' id='place-form-error'>{act.error}</Text> : null}
      <View className='adm-toolbar'>
        <View id='place-save' className={`adm-btn adm-btn--primary${act.busy ? ' btn--busy' : ''}`} onClick={save}>{t.create}</View>
        <View className='adm-btn' onClick={onCancel}>{t.cancel}</View>
      </View>
    </View>
  )
}

function RenameForm({ place, onDone, onCancel }: { place: AdminPlace; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState(place.name)
  const act = useAdminAction()
  const save = async () => {
    if (await act.run(() => updatePlace(place.kind, place.id, { name }), t.saved)) onDone()
  }
  return (
    <View className='adm-card adm-form' id='rename-form'>
      <Text className='adm-card__title'>{t.rename} · {place.name}</Text>
      <Field id='rename-name' label={t.name} value={name} onInput={setName} />
      {act.error ? <Text className='error-text'>{act.error}</Text> : null}
      <View className='adm-toolbar'>
        <View id='rename-save' className='adm-btn adm-btn--primary' onClick={save}>{t.create}</View>
        <View className='adm-btn' onClick={onCancel}>{t.cancel}</View>
      </View>
    </View>
  )
}

export function Field({ id, label, value, onInput, password }: { id: string; label: string; value: string; onInput: (v: string) => void; password?: boolean }) {
  return (
    <View className='field' id={id}>
      <Text className='field__label'>{label}</Text>
      <Input className='field__input' password={password} value={value} onInput={(e) => onInput(e.detail.value)} />
    </View>
  )
}
