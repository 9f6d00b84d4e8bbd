import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { Role } from '@msb/shared-types'
import { adminZh as t } from '../../i18n/admin-zh'
import { useQuery } from '../../features/common/use-query'
import { adminAccounts, inviteAccount, resetPassword, setAccountActive, type AdminPlaces } from '../../services/api/admin-operations'
import { Field } from './places-panel'
import { useAdminAction } from './use-admin-action'

/** Which scope each role is given on: a complex, a company, or an area of some levels. */
const TARGET: Record<string, { of: 'complexes' | 'companies' | 'areas'; levels?: string[] }> = {
  STAFF: { of: 'complexes' },
  PROJECT_MANAGER: { of: 'complexes' },
  COMPANY_ADMIN: { of: 'companies' },
  MEDIATOR: { of: 'areas', levels: ['COMMUNITY'] },
  AREA_ADMIN: { of: 'areas', levels: ['DISTRICT', 'STREET', 'COMMUNITY'] },
  OVERSIGHT: { of: 'areas' },
}

/** People: every account in scope with all its roles; invite by phone; reset a password; deactivate. */
export function PeoplePanel({ places }: { places: AdminPlaces }) {
  const [search, setSearch] = useState('')
  const [code, setCode] = useState<string | null>(null)
  const q = useQuery(() => adminAccounts(search), [search], { keepOnChange: true })
  const act = useAdminAction()
  const accounts = q.state.status === 'ready' ? q.state.data : []

  const reset = async (id: string) => {
    const c = await act.run(() => resetPassword(id))
    if (c) setCode(c)
  }
  const toggle = async (id: string, active: boolean) => {
    if (await act.run(() => setAccountActive(id, active), t.saved)) q.reload()
  }

  return (
    <View id='admin-people'>
      <InviteForm places={places} onInvited={(c) => (setCode(c), q.reload())} />
      {code ? <Text className='adm-code' id='one-time-code'>{t.oneTimeCode(code)}</Text> : null}
      {act.error ? <Text className='error-text'>{act.error}</Text> : null}
      <View className='adm-card'>
        <Input id='people-search' className='field__input' placeholder={t.search} value={search} onInput={(e) => setSearch(e.detail.value)} />
        {accounts.map((a) => (
          <View key={a.id} className={`adm-row${a.active ? '' : ' adm-row--off'}`} id={`account-${a.id}`}>
            <Text className='adm-row__name'>{a.name}</Text>
            <Text className='adm-row__meta'>{a.phone ?? ''}{a.hasPassword ? '' : ` · ${t.noPassword}`}</Text>
            {!a.active ? <Text className='adm-row__off'>{t.inactive}</Text> : null}
            <View className='adm-row__roles'>
              {a.roles.map((r) => <Text key={r.id} className='chip'>{t.roles[r.role] ?? r.role}{r.scopeName ? ` · ${r.scopeName}` : ''}</Text>)}
            </View>
            <View className='adm-row__actions'>
              <Text className='adm-link' id={`reset-${a.id}`} onClick={() => reset(a.id)}>{t.resetPassword}</Text>
              <Text className='adm-link' id={`account-toggle-${a.id}`} onClick={() => toggle(a.id, !a.active)}>{a.active ? t.deactivate : t.activate}</Text>
            </View>
          </View>
        ))}
        {q.state.status === 'ready' && !accounts.length ? <Text className='adm-empty'>{t.empty}</Text> : null}
      </View>
    </View>
  )
}

function InviteForm({ places, onInvited }: { places: AdminPlaces; onInvited: (code: string | null) => void }) {
  const [phone, setPhone] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<string>('STAFF')
  const [target, setTarget] = useState<number | null>(null)
  const act = useAdminAction()
  const spec = TARGET[role]
  const options = (spec.of === 'areas' ? places.areas.filter((a) => !spec.levels || spec.levels.includes(a.level ?? '')) : places[spec.of]).filter((p) => p.active)
  const save = async () => {
    const scope = spec.of === 'complexes' ? { complexId: target } : spec.of === 'companies' ? { companyId: target } : { areaId: target }
    const r = await act.run(() => inviteAccount({ phone, name, role: role as Role, ...scope }), t.saved)
    if (r) {
      setPhone('')
      setName('')
      onInvited(r.oneTimeCode)
    }
  }
  return (
    <View className='adm-card adm-form' id='invite-form'>
      <Text className='adm-card__title'>{t.invite}</Text>
      <View className='adm-cols'>
        <Field id='invite-phone' label={t.phone} value={phone} onInput={setPhone} />
        <Field id='invite-name' label={t.personName} value={name} onInput={setName} />
      </View>
      <View className='field'>
        <Text className='field__label'>{t.role}</Text>
        <View className='chips'>
          {Object.keys(TARGET).map((r) => (
            <Text key={r} id={`invite-role-${r}`} className={`chip${role === r ? ' chip--on' : ''}`} onClick={() => (setRole(r), setTarget(null))}>{t.roles[r]}</Text>
          ))}
        </View>
      </View>
      <View className='field'>
        <Text className='field__label'>{spec.of === 'complexes' ? t.complex : spec.of === 'companies' ? t.company : t.area}</Text>
        <View className='chips'>
          {options.map((p) => (
            <Text key={p.id} id={`invite-target-${p.id}`} className={`chip${target === p.id ? ' chip--on' : ''}`} onClick={() => setTarget(p.id)}>{p.name}</Text>
          ))}
        </View>
      </View>
      {act.error ? <Text className='error-text' id='invite-error'>{act.error}</Text> : null}
      <View id='invite-save' className={`adm-btn adm-btn--primary${act.busy ? ' btn--busy' : ''}`} onClick={save}>{t.invite}</View>
    </View>
  )
}
