import { Text } from '@tarojs/components'
import { statusView } from '../../features/tickets/status'
import './index.css'

export function StatusBadge({ status }: { status: string }) {
  const v = statusView(status)
  return <Text className={`status-badge status-badge--${v.tone}`}>{v.label}</Text>
}
