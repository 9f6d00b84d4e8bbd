import { ExportFormat, ExportStatus } from '@msb/shared-types'
import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { oversightZh as t } from '../i18n/oversight-zh'
import { zh } from '../i18n/zh'
import { Meter } from '../components/charts'
import { exportView, pollDelay } from '../features/oversight/export-job'
import { figureExport, requestExport, type FigureExportJob, type ScopeRef } from '../services/api/oversight-operations'
import { periodInput, periodParam, type PeriodSel } from '../features/oversight/period'
import { apiBase } from '../services/api/config'
import { errorCodeOf } from '../services/api/errors'
import { session } from '../services/auth/session'
import { saveFile } from '../platform/download'

/**
 * 导出: the period's figures and the tickets behind them as XLSX or CSV. The BFF makes the file in a
 * background job; this asks for it, shows its progress, and downloads it when it is ready.
 */
export function ExportPanel({ scope, period }: { scope: ScopeRef; period: PeriodSel }) {
  const [job, setJob] = useState<FigureExportJob | null>(null)
  const [requesting, setRequesting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const alive = useRef(true)
  useEffect(() => () => void (alive.current = false), [])
  useEffect(() => setJob(null), [scope.kind, scope.id, periodParam(period)])

  const start = async (format: ExportFormat) => {
    if (requesting) return
    setRequesting(true)
    setError(null)
    setJob(null)
    try {
      let j = await requestExport({ scope, period: periodInput(period), format })
      setJob(j)
      for (let attempt = 0; j.status === ExportStatus.QUEUED || j.status === ExportStatus.RUNNING; attempt++) {
        await new Promise((r) => setTimeout(r, pollDelay(attempt)))
        if (!alive.current) return
        j = await figureExport(j.id)
        setJob(j)
      }
      if (j.status === ExportStatus.DONE && j.url) await saveFile(`${apiBase}${j.url}`, session.token() ?? '', j.fileName ?? `export.${format.toLowerCase()}`)
    } catch (e) {
      if (alive.current) setError(zh.errors[errorCodeOf(e)])
    } finally {
      if (alive.current) setRequesting(false)
    }
  }

  const v = exportView(job, requesting)
  return (
    <View className='ov-export' id='export' data-status={job?.status ?? ''}>
      <View className='ov-export__buttons'>
        <View id='export-XLSX' className={`ov-btn ov-btn--ghost${v.running ? ' ov-btn--busy' : ''}`} onClick={() => start(ExportFormat.XLSX)}>{t.export.xlsx}</View>
        <View id='export-CSV' className={`ov-btn ov-btn--ghost${v.running ? ' ov-btn--busy' : ''}`} onClick={() => start(ExportFormat.CSV)}>{t.export.csv}</View>
      </View>
      {v.text ? (
        <View className='ov-export__progress' id='export-progress' data-percent={String(v.percent)}>
          <Meter value={v.percent / 100} tone='blue' />
          <Text className='ov-note'>{v.text}</Text>
          {job?.status === ExportStatus.DONE && job.url ? (
            <View className='ov-link' id='export-download' onClick={() => saveFile(`${apiBase}${job.url}`, session.token() ?? '', job.fileName ?? 'export').catch(() => setError(t.export.downloadFailed))}>
              {t.export.again(job.fileName ?? '')}
            </View>
          ) : null}
        </View>
      ) : null}
      {error ? <Text className='ov-error' id='export-error'>{error}</Text> : null}
    </View>
  )
}
