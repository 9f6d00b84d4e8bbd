import { Button, Text, View } from '@tarojs/components'
import { zh } from '../../i18n/zh'
import type { ApiErrorCode } from '../../services/api/errors'
import './index.css'

/** `compact`: a section of a page (a card) rather than the whole page. */
export function LoadingState({ text = zh.common.loading, compact }: { text?: string; compact?: boolean }) {
  return (
    <View className={`page-state${compact ? ' page-state--compact' : ''}`} id={compact ? undefined : 'page-loading'} aria-busy>
      <View className='page-state__spinner' />
      <Text className='page-state__text'>{text}</Text>
    </View>
  )
}

export function EmptyState({ text = zh.common.empty, action, onAction, compact, id }: { text?: string; action?: string; onAction?: () => void; compact?: boolean; id?: string }) {
  return (
    <View className={`page-state${compact ? ' page-state--compact' : ''}`} id={id}>
      <Text className='page-state__icon'>📭</Text>
      <Text className='page-state__text'>{text}</Text>
      {action && onAction ? (
        <Button id='empty-action' className='page-state__button' onClick={onAction}>
          {action}
        </Button>
      ) : null}
    </View>
  )
}

interface ErrorProps {
  code?: ApiErrorCode
  title?: string
  message?: string
  onRetry?: () => void
  /** A way out besides retrying (e.g. back to the home page). */
  action?: string
  onAction?: () => void
  icon?: string
  compact?: boolean
  id?: string
}

export function ErrorState({ code, title = zh.common.errorTitle, message, onRetry, action, onAction, icon = '⚠️', compact, id }: ErrorProps) {
  const text = message ?? (code ? zh.errors[code] : zh.errors.INTERNAL)
  return (
    <View className={`page-state${compact ? ' page-state--compact' : ''}`} role='alert' id={id}>
      <Text className='page-state__icon'>{icon}</Text>
      <Text className='page-state__title'>{title}</Text>
      <Text className='page-state__text'>{text}</Text>
      {onRetry ? (
        <Button id='error-retry' className='page-state__button' onClick={onRetry}>
          {zh.common.retry}
        </Button>
      ) : null}
      {action && onAction ? (
        <Button id='error-action' className={`page-state__button${onRetry ? ' page-state__button--plain' : ''}`} onClick={onAction}>
          {action}
        </Button>
      ) : null}
    </View>
  )
}
