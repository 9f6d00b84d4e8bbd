import { ExportStatus } from '@msb/shared-types'
import { exportView, pollDelay } from './export-job'

describe('export progress', () => {
  it('shows each state of the job', () => {
    expect(exportView(null, false)).toEqual({ running: false, percent: 0, text: '' })
    expect(exportView(null, true)).toEqual({ running: true, percent: 0, text: '正在提交导出…' })
    expect(exportView({ status: ExportStatus.QUEUED, progress: 0 }, true).running).toBe(true)
    expect(exportView({ status: ExportStatus.RUNNING, progress: 0.426 }, true)).toEqual({ running: true, percent: 43, text: '正在生成 43%' })
    expect(exportView({ status: ExportStatus.DONE, progress: 1 }, false)).toEqual({ running: false, percent: 100, text: '已生成，正在下载' })
    expect(exportView({ status: ExportStatus.FAILED, progress: 0.5, error: '超时' }, false).text).toBe('导出失败：超时')
    expect(exportView({ status: ExportStatus.EXPIRED, progress: 1 }, false).text).toBe('文件已过期，请重新导出')
    expect(exportView({ status: ExportStatus.RUNNING, progress: 7 }, true).percent).toBe(100)
  })
  it('polls quickly first, then backs off', () => {
    expect(pollDelay(0)).toBe(800)
    expect(pollDelay(10)).toBe(1500)
    expect(pollDelay(50)).toBe(3000)
  })
})
