import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Role, UnitKind } from '@msb/shared-types'
import { adminZh as t } from '../../i18n/admin-zh'
import { useQuery } from '../../features/common/use-query'
import { EmptyState, ErrorState, LoadingState } from '../../components/page-state'
import { adminUnits, createUnit, inviteAccount, revokeRole, updateUnit, type AdminPlaces, type AdminUnit } from '../../services/api/admin-operations'
import { Field } from './places-panel'
import { useAdminAction } from './use-admin-action'

/** Outside departments (城管, 市场监管, utilities, 街道) and property teams: create, rename, retire; add and remove a department's handlers. */
export function UnitsPanel({ places }: { places: AdminPlaces }) {
  const q = useQuery(() => adminUnits(), [], { keepOnChange: true })
  const [code, setCode] = useState<string | null>(null)
  const areaName = (id: number | null) => places.areas.find((a) => a.id === id)?.name ?? ''
  const companyName = (id: number | null) => places.companies.find((c) => c.id === id)?.name ?? ''

  let list: JSX.Element
  if (q.state.status === 'loading') list = <LoadingState compact />
  else if (q.state.status === 'error') list = <ErrorState compact id='units-error' title={t.unitsLoadFailed} code={q.state.code} onRetry={q.reload} />
  else if (!q.state.data.length) list = <EmptyState compact id='units-empty' text={t.unitsEmpty} />
  else {
    list = (
      <View className='adm-card' id='units-list'>
        {q.state.data.map((u) => (
          <UnitRow key={u.id} unit={u} where={u.kind === UnitKind.DEPARTMENT ? areaName(u.areaId) : companyName(u.companyId)} onChanged={q.reload} onCode={setCode} />
        ))}
      </View>
    )
  }
  return (
    <View id='admin-units'>
      <DepartmentForm places={places} onCreated={q.reload} />
      {code ? <Text className='adm-code' id='one-time-code'>{t.oneTimeCode(code)}</Text> : null}
      {list}
    </View>
  )
}

function DepartmentForm({ places, onCreated }: { places: AdminPlaces; onCreated: () => void }) {
  const [name, setName] = useState('')
  const [areaId, setAreaId] = useState<number | null>(null)
  const act = useAdminAction()
  const areas = places.areas.filter((a) => a.active && a.level !== 'COMMUNITY')
  const save = async () => {
    if (await act.run(() => createUnit({ kind: UnitKind.DEPARTMENT, name, areaId }), t.saved)) {
      setName('')
      onCreated()
    }
  }
  return (
    <View className='adm-card adm-form' id='unit-form'>
      <Text className='adm-card__title'>{t.newDepartment}</Text>
      <Field id='unit-name' label={t.name} value={name} onInput={setName} />
      <View className='field'>
        <Text className='field__label'>{t.departmentArea}</Text>
        <View className='chips'>
          {areas.map((a) => (
            <Text key={a.id} id={`unit-area-${a.id}`} className={`chip${areaId === a.id ? ' chip--on' : ''}`} onClick={() => setAreaId(a.id)}>{a.name}</Text>
          ))}
        </View>
      </View>
      {act.error ? <Text className='error-text' id='unit-form-error'>{act.error}</Text> : null}
      <View id='unit-save' className={`adm-btn adm-btn--primary${act.busy ? ' btn--busy' : ''}`} onClick={save}>{t.create}</View>
    </View>
  )
}

function UnitRow({ unit: u, where, onChanged, onCode }: { unit: AdminUnit; where: string; onChanged: () => void; onCode: (c: string | null) => void }) {
  const [adding, setAdding] = useState(false)
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(u.name)
  const act = useAdminAction()
  const handlers = u.members.filter((m) => m.role === Role.DEPT_HANDLER || u.kind !== UnitKind.DEPARTMENT)
  const toggle = async () => {
    if (await act.run(() => updateUnit(u.id, { active: !u.active }), t.saved)) onChanged()
  }
  const rename = async () => {
    if (await act.run(() => updateUnit(u.id, { name }), t.saved)) (setRenaming(false), onChanged())
  }
  const remove = async (assignmentId: number) => {
    if (await act.run(() => revokeRole(assignmentId), t.saved)) onChanged()
  }
  return (
    <View className={`adm-row${u.active ? '' : ' adm-row--off'}`} id={`unit-${u.id}`}>
      <Text className='adm-row__kind'>{t.unitKinds[u.kind]}</Text>
      <Text className='adm-row__name'>{u.name}</Text>
      <Text className='adm-row__meta'>{where}</Text>
      {!u.active ? <Text className='adm-row__off'>{t.retired}</Text> : null}
      <View className='adm-row__actions'>
        {u.active && u.kind === UnitKind.DEPARTMENT ? <Text className='adm-link' id={`unit-add-handler-${u.id}`} onClick={() => setAdding(!adding)}>+{t.addHandler}</Text> : null}
        <Text className='adm-link' id={`unit-rename-${u.id}`} onClick={() => setRenaming(!renaming)}>{t.rename}</Text>
        <Text className='adm-link' id={`unit-toggle-${u.id}`} onClick={toggle}>{u.active ? t.retire : t.reopen}</Text>
      </View>
      {renaming ? (
        <View className='adm-card adm-form adm-unit__handler-form' id={`unit-rename-form-${u.id}`}>
          <Field id={`unit-rename-name-${u.id}`} label={t.name} value={name} onInput={setName} />
          <View className='adm-toolbar'>
            <View id={`unit-rename-save-${u.id}`} className='adm-btn adm-btn--primary' onClick={rename}>{t.create}</View>
            <View className='adm-btn' onClick={() => setRenaming(false)}>{t.cancel}</View>
          </View>
        </View>
      ) : null}
      {adding ? <HandlerForm unitId={u.id} onDone={(c) => (setAdding(false), onCode(c), onChanged())} onCancel={() => setAdding(false)} /> : null}
      <View className='adm-unit__members'>
        {handlers.length ? handlers.map((m) => (
          <View key={m.assignmentId} className='adm-unit__member' id={`unit-member-${m.assignmentId}`}>
            <Text className='adm-unit__member-name'>{m.name}</Text>
            <Text className='adm-row__meta'>{m.phone ?? ''}</Text>
            <Text className='adm-link' id={`unit-remove-${m.assignmentId}`} onClick={() => remove(m.assignmentId)}>{t.removeHandler}</Text>
          </View>
        )) : <Text className='adm-row__meta' id={`unit-no-handlers-${u.id}`}>{t.noHandlers}</Text>}
      </View>
      {act.error ? <Text className='error-text' id={`unit-error-${u.id}`}>{act.error}</Text> : null}
    </View>
  )
}

function HandlerForm({ unitId, onDone, onCancel }: { unitId: number; onDone: (code: string | null) => void; onCancel: () => void }) {
  const [phone, setPhone] = useState('')
  const [name, setName] = useState('')
  const act = useAdminAction()
  const save = async () => {
    const r = await act.run(() => inviteAccount({ phone, name, role: Role.DEPT_HANDLER, unitId }), t.saved)
    if (r) onDone(r.oneTimeCode)
  }
  return (
    <View className='adm-card adm-form adm-unit__handler-form' id={`handler-form-${unitId}`}>
      <View className='adm-cols'>
        <Field id={`handler-phone-${unitId}`} label={t.phone} value={phone} onInput={setPhone} />
        <Field id={`handler-name-${unitId}`} label={t.personName} value={name} onInput={setName} />
      </View>
      {act.error ? <Text className='error-text' id={`handler-error-${unitId}`}>{act.error}</Text> : null}
      <View className='adm-toolbar'>
        <View id={`handler-save-${unitId}`} className={`adm-btn adm-btn--primary${act.busy ? ' btn--busy' : ''}`} onClick={save}>{t.addHandler}</View>
        <View className='adm-btn' onClick={onCancel}>{t.cancel}</View>
      </View>
    </View>
  )
}
