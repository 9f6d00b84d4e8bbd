import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { adminZh as t } from '../../i18n/admin-zh'
import { useQuery } from '../../features/common/use-query'
import {
  adminFileUrl, commitImport, importBatches, openAdminFile, uploadImport, type AdminPlaces, type ImportCommit, type ImportPreview,
} from '../../services/api/admin-operations'
import { useAdminAction } from './use-admin-action'

const open = (path: string, query: Record<string, string> = {}) => openAdminFile(adminFileUrl(path, query), 'pdf')

/** Posters: each complex's posters at A4/A5 and its sticker sheet; each gate's own poster. */
export function PostersPanel({ places }: { places: AdminPlaces }) {
  return (
    <View id='admin-posters'>
      {places.complexes.filter((c) => c.active).map((c) => (
        <View key={c.id} className='adm-card' id={`posters-${c.id}`}>
          <Text className='adm-card__title'>{c.name}</Text>
          <View className='adm-toolbar'>
            <View className='adm-btn' id={`posters-a4-${c.id}`} onClick={() => open(`/admin/posters/complexes/${c.id}`, { size: 'A4' })}>{t.allA4}</View>
            <View className='adm-btn' onClick={() => open(`/admin/posters/complexes/${c.id}`, { size: 'A5' })}>{t.allA5}</View>
            <View className='adm-btn' onClick={() => open(`/admin/posters/complexes/${c.id}/stickers`)}>{t.stickers}</View>
          </View>
          {places.spots.filter((s) => s.parentId === c.id && s.active).map((s) => (
            <View key={s.id} className='adm-row'>
              <Text className='adm-row__name'>{s.name}</Text>
              <View className='adm-row__actions'>
                <Text className='adm-link' onClick={() => open(`/admin/posters/spots/${s.id}`, { size: 'A4' })}>{t.posterA4}</Text>
                <Text className='adm-link' onClick={() => open(`/admin/posters/spots/${s.id}`, { size: 'A5' })}>{t.posterA5}</Text>
              </View>
            </View>
          ))}
        </View>
      ))}
      {!places.complexes.length ? <Text className='adm-empty'>{t.empty}</Text> : null}
    </View>
  )
}

/** Import: template, upload → preview with every row's errors → commit the valid rows; the log with counts. */
export function ImportPanel({ onCommitted }: { onCommitted: () => void }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [result, setResult] = useState<ImportCommit | null>(null)
  const log = useQuery(() => importBatches(), [])
  const act = useAdminAction()

  const upload = async (file: { h5File?: File; path?: string; name: string }) => {
    setResult(null)
    const p = await act.run(() => uploadImport(file))
    if (p) setPreview(p)
  }
  const chooseWeapp = async () => {
    const r = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const f = r.tempFiles[0]
    if (f) await upload({ path: f.path, name: f.name })
  }
  const commit = async () => {
    if (!preview) return
    const r = await act.run(() => commitImport(preview.id), t.saved)
    if (r) {
      setResult(r)
      setPreview(null)
      log.reload()
      onCommitted()
    }
  }
  const valid = preview ? preview.rows.filter((r) => r.status === 'NEW').length : 0

  return (
    <View id='admin-import'>
      <View className='adm-card'>
        <View className='adm-toolbar'>
          <View className='adm-btn' id='import-template' onClick={() => openAdminFile(adminFileUrl('/admin/imports/template'), 'xlsx')}>{t.template}</View>
          {process.env.TARO_ENV === 'h5' ? (
            <label className='adm-btn adm-btn--primary' id='import-choose'>
              {t.chooseFile}
              <input id='import-file' type='file' accept='.xlsx,.csv' style={{ display: 'none' }} onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void upload({ h5File: f, name: f.name }); e.currentTarget.value = '' }} />
            </label>
          ) : (
            <View className='adm-btn adm-btn--primary' id='import-choose' onClick={chooseWeapp}>{t.chooseFile}</View>
          )}
        </View>
        {act.error ? <Text className='error-text' id='import-error'>{act.error}</Text> : null}
      </View>
      {preview ? (
        <View className='adm-card' id='import-preview'>
          <Text className='adm-card__title'>{preview.fileName} · {t.preview(preview.totalRows, preview.validRows, preview.errorRows)}</Text>
          {preview.rows.map((r) => (
            <View key={r.row} className={`adm-row adm-row--${r.status.toLowerCase()}`} id={`import-row-${r.row}`}>
              <Text className='adm-row__kind'>#{r.row}</Text>
              <Text className='adm-row__name'>{r.complex} {r.name}</Text>
              <Text className={`adm-status adm-status--${r.status.toLowerCase()}`}>{t.rowStatus[r.status]}</Text>
              {r.errors.length ? <Text className='adm-row__errors'>{r.errors.join('；')}</Text> : null}
            </View>
          ))}
          <View id='import-commit' className={`adm-btn adm-btn--primary${valid ? '' : ' btn--busy'}`} onClick={valid ? commit : undefined}>{t.commit(valid)}</View>
        </View>
      ) : null}
      {result ? (
        <View className='adm-card' id='import-result'>
          <Text className='adm-card__title'>{t.committed(result.batch.createdCount ?? 0, result.batch.unchangedCount ?? 0, result.batch.errorRows)}</Text>
          {result.invitations.map((i) => <Text key={i.row} className='adm-code' id={`import-code-${i.phone}`}>{i.name} {i.phone} · {t.oneTimeCode(i.oneTimeCode)}</Text>)}
        </View>
      ) : null}
      <View className='adm-card' id='import-log'>
        <Text className='adm-card__title'>{t.log}</Text>
        {(log.state.status === 'ready' ? log.state.data : []).map((b) => (
          <View key={b.id} className='adm-row'>
            <Text className='adm-row__name'>{b.fileName}</Text>
            <Text className='adm-row__meta'>{b.status === 'COMMITTED' ? t.committed(b.createdCount ?? 0, b.unchangedCount ?? 0, b.errorRows) : t.preview(b.totalRows, b.validRows, b.errorRows)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
