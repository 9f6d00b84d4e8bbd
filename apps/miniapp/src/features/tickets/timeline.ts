import { ACTION_LABEL, TicketAction } from '@msb/shared-types'
import { zh } from '../../i18n/zh'
import { linksZh } from '../../i18n/links-zh'
import { formatTime } from './format'

/** What a timeline entry says, from the event's action, role and `data` JSON. Pure. */
export interface EventLike {
  readonly action: string
  readonly actorName: string | null
  readonly actorRole: string
  readonly data: string | null
  /** ACCEPT and ASSIGN: whom it was given to. */
  readonly assigneeName?: string | null
}

export function eventTitle(e: Pick<EventLike, 'action'>): string {
  return (ACTION_LABEL as Record<string, string>)[e.action] ?? (zh.timeline.system as Record<string, string>)[e.action] ?? e.action
}

/** "张师傅 · 物业员工", "系统" for the scheduler. */
export function eventActor(e: Pick<EventLike, 'actorName' | 'actorRole'>): string {
  const role = (zh.roles as Record<string, string>)[e.actorRole] ?? ''
  if (e.actorRole === 'SYSTEM') return role
  return [e.actorName, role].filter(Boolean).join(' · ')
}

/** Details worth a line of their own: the rating, a refusal's reason, where it was dispatched, a mediation's outcome. */
export function eventDetails(e: Pick<EventLike, 'action' | 'data' | 'assigneeName'>): string[] {
  if ((e.action === TicketAction.ASSIGN || e.action === TicketAction.ACCEPT) && e.assigneeName) return [linksZh.timeline.assignedTo(e.assigneeName)]
  const d = parseData(e.data)
  if (!d) return []
  const t = zh.timeline
  const l = linksZh.timeline
  switch (e.action) {
    case TicketAction.MERGE:
      return typeof d.intoNumber === 'string' ? [l.mergedInto(d.intoNumber)] : []
    case 'MERGED_IN':
      return typeof d.fromNumber === 'string' ? [l.mergedFrom(d.fromNumber)] : []
    case TicketAction.UNMERGE:
      return typeof d.fromNumber === 'string' ? [l.unmergedFrom(d.fromNumber)] : []
    case TicketAction.RATE: {
      const score = Number(d.satisfaction)
      const stars = Number.isInteger(score) && score >= 1 && score <= 5 ? '★'.repeat(score) + '☆'.repeat(5 - score) : ''
      return [[d.solved === true ? t.solved : d.solved === false ? t.unsolved : '', stars].filter(Boolean).join(' · ')]
    }
    case TicketAction.REFUSE: {
      const reason = (t.refuseReason as Record<string, string>)[String(d.refuseReason)]
      const goTo = [typeof d.suggestedUnitName === 'string' ? d.suggestedUnitName : '', d.suggestHotline === true ? linksZh.refusal.hotline : ''].filter(Boolean).join('、')
      return [reason ? (d.duplicateOfNumber ? `${reason}（${String(d.duplicateOfNumber)}）` : reason) : '', goTo ? l.refuseGoTo(goTo) : ''].filter(Boolean)
    }
    case TicketAction.DISPATCH:
      return typeof d.targetUnitName === 'string' ? [t.dispatchedTo(d.targetUnitName)] : []
    case TicketAction.RECORD_MEDIATION: {
      const outcome = (t.mediationOutcome as Record<string, string>)[String(d.outcome)]
      return [outcome, typeof d.place === 'string' ? t.mediationPlace(d.place) : ''].filter(Boolean)
    }
    case TicketAction.HOTLINE_RECORD_CONTACT:
      return [t.contactMethod[String(d.method)] ?? ''].filter(Boolean)
    case TicketAction.HOTLINE_REQUEST_RETURN:
      return [typeof d.basis === 'string' ? t.returnBasis(d.basis) : '', typeof d.suggestedUnit === 'string' ? t.suggestedUnit(d.suggestedUnit) : ''].filter(Boolean)
    case TicketAction.SUPERVISE: {
      const round = Number(d.round)
      return [Number.isInteger(round) && round >= 2 ? t.superviseRound(round) : '', typeof d.deadline === 'string' ? t.superviseDeadline(formatTime(d.deadline)) : ''].filter(Boolean)
    }
    case TicketAction.HOTLINE_REQUEST_EXTENSION:
      return typeof d.requestedDeadline === 'string' ? [t.extensionUntil(formatTime(d.requestedDeadline))] : []
    case TicketAction.REQUEST_EXTENSION:
      return typeof d.requestedUntil === 'string' ? [t.extensionUntil(formatTime(d.requestedUntil))] : []
    case TicketAction.DECIDE_EXTENSION:
      return [d.granted === true ? (typeof d.until === 'string' ? t.extensionGranted(formatTime(d.until)) : '') : t.extensionRefused].filter(Boolean)
    case TicketAction.RECLASSIFY: {
      const what = [typeof d.toCategoryName === 'string' && d.toCategory !== d.fromCategory ? d.toCategoryName : '', d.toPriority !== d.fromPriority ? t.priority[String(d.toPriority)] ?? '' : ''].filter(Boolean).join(' · ')
      return what ? [t.reclassified(what)] : []
    }
    default:
      return []
  }
}

function parseData(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null
  try {
    const v = JSON.parse(raw)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}
