import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationKind } from '@msb/shared-types';
import type { Audience } from '../notifications/domain/notification-plan';
import { NotificationsService, type NotificationRow } from '../notifications/notifications.service';
import type { SystemNote, TicketRow } from '../tickets/ticket-row';
import { TicketsService } from '../tickets/tickets.service';
import { EscalationLevel, formatShanghai, SlaTarget, type ClockEvent, type EscalationChain, type ScheduledEscalation } from './domain';
import { SlaClockRepository, type ClockRow, type NewEscalation } from './sla-clock.repository';

/** Timeline event kinds (ticket_events.action) and notification kinds the engine writes. */
export enum SlaEventKind {
  WARNING = 'SLA_WARNING',
  BREACH = 'SLA_BREACH',
  ESCALATION = 'SLA_ESCALATION',
}

export const TARGET_LABEL: Record<SlaTarget, string> = {
  [SlaTarget.ACCEPT]: '受理',
  [SlaTarget.RESOLVE]: '办结',
  [SlaTarget.DISPATCH_RESPONSE]: '转派响应',
  [SlaTarget.RATING]: '评价',
  [SlaTarget.MEDIATION]: '调解',
  [SlaTarget.DEPT_RESOLVE]: '部门办结',
  [SlaTarget.OWNER_INFO]: '业主补充',
};

export const LEVEL_LABEL: Record<EscalationLevel, string> = {
  [EscalationLevel.HANDLER]: '处理人',
  [EscalationLevel.PROJECT_MANAGER]: '项目经理',
  [EscalationLevel.COMPANY]: '物业公司',
  [EscalationLevel.COMMUNITY]: '社区',
  [EscalationLevel.STREET]: '街道',
};

/** Whom each escalation level reaches, in the notifications feature's one audience function. */
const LEVEL_AUDIENCE: Record<EscalationLevel, Audience> = {
  [EscalationLevel.HANDLER]: 'HANDLER',
  [EscalationLevel.PROJECT_MANAGER]: 'COMPLEX_MANAGERS',
  [EscalationLevel.COMPANY]: 'COMPANY_MANAGERS',
  [EscalationLevel.COMMUNITY]: 'COMMUNITY_MEDIATORS',
  [EscalationLevel.STREET]: 'STREET_OVERSIGHT',
};

const NOTICE_KIND: Record<SlaEventKind, NotificationKind> = {
  [SlaEventKind.WARNING]: NotificationKind.SLA_WARNING,
  [SlaEventKind.BREACH]: NotificationKind.SLA_BREACH,
  [SlaEventKind.ESCALATION]: NotificationKind.SLA_ESCALATION,
};

type NewNotice = Omit<NotificationRow, 'id' | 'readAt'>;

/**
 * The owner's windows — rating, and answering a question: running out closes the ticket (AUTO_CLOSE,
 * CLOSE_UNANSWERED), nobody is warned or late.
 */
const SILENT_TARGETS: ReadonlySet<SlaTarget> = new Set([SlaTarget.RATING, SlaTarget.OWNER_INFO]);

/** What firing clocks writes, gathered so that a batch of clocks is a handful of multi-row statements. */
export interface SlaWrites {
  readonly events: SystemNote[];
  readonly escalations: NewEscalation[];
  readonly notes: NewNotice[];
}

export const noWrites = (): SlaWrites => ({ events: [], escalations: [], notes: [] });

export type RecipientsOf = (level: EscalationLevel, ticket: TicketRow) => Promise<string[]>;

/**
 * Writes what a clock did onto the ticket's timeline (dated at the instant it was due, with the instant
 * it was applied beside it, so lateness shows) and notifies the people concerned, inside the caller's transaction. Each escalation step also
 * gets its row in sla_escalations, whose unique key (ticket, target, cycle, step) lets it happen once.
 * The timeline notes go through the tickets service, the notices through the notifications service (so
 * the caller can announce them live after commit: the staff bell updates for SLA notices too).
 */
@Injectable()
export class SlaNotifier {
  constructor(private readonly clocks: SlaClockRepository, private readonly tickets: TicketsService, private readonly notifications: NotificationsService) {}

  /** Whom an escalation level reaches on a ticket, read in the caller's transaction. */
  recipients(level: EscalationLevel, t: TicketRow, em?: EntityManager): Promise<string[]> {
    return this.notifications.audience(LEVEL_AUDIENCE[level], t, em);
  }

  /**
   * The owner's reminder that the rating window closes at `dueAt` (the RATING clock's warning): one notice to
   * the reporter, staff hear nothing. Inside the caller's transaction; announce the result after commit.
   */
  async remindOwnerToRate(em: EntityManager, ticket: TicketRow, dueAt: Date, now: Date): Promise<NotificationRow[]> {
    const list = (await this.notifications.audience('REPORTER', ticket, em)).map((userId) => ({
      userId, ticketId: ticket.id, kind: NotificationKind.RATING_REMINDER, createdAt: now,
      title: `请评价您反映的问题（${ticket.number}）`,
      body: `评价期将于 ${formatShanghai(dueAt)} 结束，届时工单自动关闭`,
    }));
    return list.length ? this.notifications.writeMany(em, list) : [];
  }

  /** One clock's writes, now (the single path: a ticket's own transaction, or one wake-up). Returns the notices to announce after commit. */
  async record(
    em: EntityManager, ticket: TicketRow, row: ClockRow, events: readonly ClockEvent[], steps: readonly ScheduledEscalation[],
    chain: EscalationChain | null, now: Date,
  ): Promise<NotificationRow[]> {
    const out = noWrites();
    await this.plan(out, ticket, row, events, steps, chain, now, {
      recipients: (level, t) => this.recipients(level, t, em),
      // Each step inserted on its own: the unique key says at once whether it is new.
      escalate: (e) => this.clocks.insertEscalations(em, [e]).then((n) => n === 1),
    });
    return this.flush(em, out);
  }

  /** Writes gathered timeline notes and notices (escalation steps are the caller's: they decide the batch); returns the notices. */
  async flush(em: EntityManager, out: SlaWrites): Promise<NotificationRow[]> {
    await this.tickets.appendSystemNotes(em, out.events);
    return this.notifications.writeMany(em, out.notes);
  }

  /**
   * Gathers one clock's timeline events, escalation steps and notifications into `out`. `escalate`
   * decides whether a step is new (and records it, or queues it in `out.escalations`): a step that
   * happened already gets no event and no notification.
   */
  async plan(
    out: SlaWrites, ticket: TicketRow, row: ClockRow, events: readonly ClockEvent[], steps: readonly ScheduledEscalation[],
    chain: EscalationChain | null, now: Date,
    how: { recipients: RecipientsOf; escalate: (e: NewEscalation) => boolean | Promise<boolean> },
  ): Promise<void> {
    const target = row.clock.target;
    if (SILENT_TARGETS.has(target)) return;
    const label = TARGET_LABEL[target];
    const firstLevel = chain?.steps[0]?.level ?? EscalationLevel.HANDLER;
    const notify = async (level: EscalationLevel, kind: SlaEventKind, title: string, body: string) => {
      for (const userId of await how.recipients(level, ticket)) out.notes.push({ userId, ticketId: ticket.id, kind: NOTICE_KIND[kind], title, body, createdAt: now });
    };
    const event = (kind: SlaEventKind, note: string, data: Record<string, unknown>, at: Date) =>
      out.events.push({ ticketId: ticket.id, status: ticket.status, kind, note, data, at, appliedAt: now });
    const base = { target, cycle: row.clock.cycle, policyId: row.clock.terms.policyId, policyVersion: row.clock.terms.policyVersion };
    for (const e of events) {
      if (e.type === 'WARNED') {
        const note = `${label}时限即将到期（${formatShanghai(e.dueAt)}）`;
        event(SlaEventKind.WARNING, note, { ...base, dueAt: e.dueAt.toISOString() }, e.at);
        await notify(firstLevel, SlaEventKind.WARNING, `工单 ${ticket.number} ${label}即将超时`, note);
      } else if (e.type === 'BREACHED') {
        const note = `${label}已超时（时限 ${formatShanghai(e.at)}）`;
        event(SlaEventKind.BREACH, note, { ...base, dueAt: e.at.toISOString() }, e.at);
        await notify(firstLevel, SlaEventKind.BREACH, `工单 ${ticket.number} ${label}已超时`, note);
      }
    }
    for (const s of steps) {
      const users = await how.recipients(s.level, ticket);
      const fresh = await how.escalate({
        ticketId: ticket.id, target, cycle: row.clock.cycle, step: s.step, level: s.level, dueAt: s.at, appliedAt: now, recipients: users.length,
      });
      if (!fresh) continue;
      const note = `${label}超时未办，第 ${s.step} 级升级至${LEVEL_LABEL[s.level]}`;
      event(SlaEventKind.ESCALATION, note, { ...base, step: s.step, level: s.level, recipients: users.length }, s.at);
      for (const userId of users) {
        out.notes.push({ userId, ticketId: ticket.id, kind: NOTICE_KIND[SlaEventKind.ESCALATION], title: `工单 ${ticket.number} ${label}超时升级`, body: note, createdAt: now });
      }
    }
  }
}
