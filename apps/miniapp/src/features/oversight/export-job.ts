import { ExportStatus } from '@msb/shared-types'

/** The export button's states, from the job the BFF reports (QUEUED → RUNNING → DONE | FAILED; EXPIRED after 24 h). Pure. */

export interface ExportView {
  /** Still polling. */
  running: boolean
  /** 0–100 for the bar. */
  percent: number
  text: string
}

export function exportView(job: { status: ExportStatus; progress: number | null; error?: string | null } | null, requesting: boolean): ExportView {
  if (requesting && !job) return { running: true, percent: 0, text: '正在提交导出…' }
  if (!job) return { running: false, percent: 0, text: '' }
  const p = Math.round(Math.max(0, Math.min(1, job.progress ?? 0)) * 100)
  switch (job.status) {
    case ExportStatus.QUEUED:
      return { running: true, percent: p, text: '排队中…' }
    case ExportStatus.RUNNING:
      return { running: true, percent: p, text: `正在生成 ${p}%` }
    case ExportStatus.DONE:
      return { running: false, percent: 100, text: '已生成，正在下载' }
    case ExportStatus.FAILED:
      return { running: false, percent: p, text: job.error ? `导出失败：${job.error}` : '导出失败，请重试' }
    case ExportStatus.EXPIRED:
      return { running: false, percent: 0, text: '文件已过期，请重新导出' }
  }
}

/** Poll quickly at first, then every few seconds (a large range takes a while). */
export function pollDelay(attempt: number): number {
  return attempt < 5 ? 800 : attempt < 20 ? 1500 : 3000
}
