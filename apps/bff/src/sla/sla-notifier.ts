import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketsService } from '../tickets/tickets.service';
import type { TicketRow } from '../tickets/tickets.repository';
import { EscalationLevel, formatShanghai, SlaTarget, type ClockEvent, type EscalationChain, type ScheduledEscalation } from './domain';
import { SlaClockRepository, type ClockRow, type NewNotification } from './sla-clock.repository';

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
};

export const LEVEL_LABEL: Record<EscalationLevel, string> = {
  [EscalationLevel.HANDLER]: '处理人',
  [EscalationLevel.PROJECT_MANAGER]: '项目经理',
  [EscalationLevel.COMPANY]: '物业公司',
  [EscalationLevel.COMMUNITY]: '社区',
  [EscalationLevel.STREET]: '街道',
};

/** The rating window is the owner's: running out closes the ticket (AUTO_CLOSE), nobody is warned or late. */
const SILENT_TARGETS: ReadonlySet<SlaTarget> = new Set([SlaTarget.RATING]);

/**
 * Writes what a clock did onto the ticket's timeline (at the instant it happened, not when a worker got
 * to it) and notifies the people concerned, inside the caller's transaction. Each escalation step also
 * gets its row in sla_escalations, whose unique key (ticket, target, cycle, step) lets it happen once.
 */
@Injectable()
export class SlaNotifier {
  constructor(private readonly tickets: TicketsService, private readonly clocks: SlaClockRepository) {}

  async record(
    em: EntityManager, ticket: TicketRow, row: ClockRow, events: readonly ClockEvent[], steps: readonly ScheduledEscalation[],
    chain: EscalationChain | null, now: Date,
  ): Promise<void> {
    const target = row.clock.target;
    if (SILENT_TARGETS.has(target)) return;
    const label = TARGET_LABEL[target];
    const notes: NewNotification[] = [];
    const firstLevel = chain?.steps[0]?.level ?? EscalationLevel.HANDLER;
    const notify = async (level: EscalationLevel, kind: SlaEventKind, title: string, body: string) => {
      const users = await this.clocks.recipients(level, ticket, em);
      for (const userId of users) notes.push({ userId, ticketId: ticket.id, kind, title, body, createdAt: now });
      return users;
    };
    const base = { target, cycle: row.clock.cycle, policyId: row.clock.terms.policyId, policyVersion: row.clock.terms.policyVersion };
    for (const e of events) {
      if (e.type === 'WARNED') {
        const note = `${label}时限即将到期（${formatShanghai(e.dueAt)}）`;
        await this.tickets.appendSystemEvent(em, ticket.id, ticket.status, SlaEventKind.WARNING, note, { ...base, dueAt: e.dueAt.toISOString() }, e.at);
        await notify(firstLevel, SlaEventKind.WARNING, `工单 ${ticket.number} ${label}即将超时`, note);
      } else if (e.type === 'BREACHED') {
        const note = `${label}已超时（时限 ${formatShanghai(e.at)}）`;
        await this.tickets.appendSystemEvent(em, ticket.id, ticket.status, SlaEventKind.BREACH, note, { ...base, dueAt: e.at.toISOString() }, e.at);
        await notify(firstLevel, SlaEventKind.BREACH, `工单 ${ticket.number} ${label}已超时`, note);
      }
    }
    for (const s of steps) {
      const users = await this.clocks.recipients(s.level, ticket, em);
      const fresh = await this.clocks.insertEscalation(em, {
        ticketId: ticket.id, target, cycle: row.clock.cycle, step: s.step, level: s.level, dueAt: s.at, appliedAt: now, recipients: users.length,
      });
      if (!fresh) continue;
      const note = `${label}超时未办，第 ${s.step} 级升级至${LEVEL_LABEL[s.level]}`;
      await this.tickets.appendSystemEvent(em, ticket.id, ticket.status, SlaEventKind.ESCALATION, note, { ...base, step: s.step, level: s.level, recipients: users.length }, s.at);
      for (const userId of users) {
        notes.push({ userId, ticketId: ticket.id, kind: SlaEventKind.ESCALATION, title: `工单 ${ticket.number} ${label}超时升级`, body: note, createdAt: now });
      }
    }
    await this.clocks.insertNotifications(em, notes);
  }
}
