import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketAction, TicketStatus, UnitKind, changesState } from '@msb/shared-types';
import { conflict } from '../common/domain-error';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import type { TicketRow } from '../tickets/ticket-row';
import type { NotificationRow } from '../notifications/notifications.service';
import {
  cancelClock, clockEffects, clockTerms, dueEscalationSteps, matchTarget, pauseClock, recalculateClock, restartClock, resumeClock,
  shouldPause, startClock, stopClock, tightenClock, withRatingReminder, SlaTarget, type ClockEvent, type ClockTransition, type SlaSubject, type TicketSituation,
} from './domain';
import { SlaClockRepository, type ClockRow } from './sla-clock.repository';
import { SlaPolicyRepository } from './sla-policy.repository';
import type { Wake } from './jobs/sla-scheduler';
import type { SlaWakePayload } from '../jobs/job-names';
import { SlaDeadlineSources } from './sla-deadlines';
import { CALENDAR_24X7 } from './domain/working-calendar';
import { calendars, SlaClockWriter } from './sla-clock-writer';
import { extendClock } from './domain/sla-extension';

type Changed = Map<SlaTarget, { before: ClockRow | null; after: ClockRow; events: ClockEvent[] }>;

function subjectOf(t: TicketRow): SlaSubject {
  const unit = t.handlingUnitId ?? t.dispatchTargetUnitId;
  return { companyId: String(t.companyId ?? ''), complexId: String(t.complexId), category: t.categoryCode, priority: t.priority, unitId: unit === null ? null : String(unit) };
}

function situationOf(t: TicketRow, status: TicketStatus): TicketSituation {
  return { status, withOutsideDepartment: t.handlingUnitKind === UnitKind.DEPARTMENT, awaitingOwner: status === TicketStatus.AWAITING_OWNER };
}

/**
 * Clocks follow the ticket: started, stopped, paused, resumed, recalculated or tightened in the ticket's
 * own transaction; their wake-ups are enqueued and their notices announced after the commit.
 */
@Injectable()
export class SlaFollower implements TicketChangeListener, OnModuleInit {
  /** Wake-ups computed inside a ticket's transaction, enqueued by afterCommit (same change object). */
  private readonly pending = new WeakMap<TicketChange, { wakes: Wake[]; stale: SlaWakePayload[]; notices: NotificationRow[] }>();

  constructor(
    private readonly listeners: TicketChangeListeners,
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly deadlines: SlaDeadlineSources,
    private readonly writer: SlaClockWriter,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    const deadline = deadlineOf(change);
    if (deadline) return this.move(em, change, (row) => (DEADLINE_TARGETS.has(row.clock.target) ? tightenClock(row.clock, deadline, change.at, calendars) : null));
    const until = grantedExtensionOf(change);
    // A granted extension: the handling clock (the department's own while it holds the ticket) runs to the date granted.
    const handling = change.ticket.handlingUnitKind === UnitKind.DEPARTMENT ? SlaTarget.DEPT_RESOLVE : SlaTarget.RESOLVE;
    if (until) return this.move(em, change, (row) => (row.clock.target === handling ? extendClock(row.clock, until, change.at, calendars) : null));
    // Record-only actions change nothing a clock depends on (no status, priority or category change).
    if (!changesState(change.action)) return;
    const t = change.ticket;
    const at = change.at;
    // A ticket keeps the policy versions in force when it was filed, for every clock it starts later too
    // (versions are never backdated, so none of them appeared after the filing).
    const filedAt = t.createdAt ? new Date(t.createdAt) : at;
    const rows = change.action === TicketAction.REPORT ? [] : await this.clocks.forTicket(em, t.id, true);
    const policies = await this.policies.all(em);
    const subject = subjectOf(t);
    const situation = situationOf(t, change.to);
    const current = new Map<SlaTarget, ClockRow>(rows.map((r) => [r.clock.target, r]));
    const changed: Changed = new Map();
    const apply = (before: ClockRow | null, tr: ClockTransition, extra: Partial<ClockRow> = {}) => {
      const target = tr.clock.target;
      const prev = changed.get(target);
      const base = prev?.after ?? before;
      if (base && tr.clock === base.clock && Object.keys(extra).length === 0) return;
      const after: ClockRow = {
        id: base?.id ?? null, ticketId: t.id, categoryCode: base?.categoryCode ?? t.categoryCode, priority: base?.priority ?? t.priority,
        escalationSteps: base?.escalationSteps ?? 0, nextWakeAt: null, ...extra, clock: tr.clock,
      };
      changed.set(target, { before: prev?.before ?? before, after, events: [...(prev?.events ?? []), ...tr.events] });
      current.set(target, after);
    };

    // 1. What the action does to clocks (start / stop / cancel).
    for (const { target, effect } of clockEffects(change.action, change.to)) {
      const row = current.get(target) ?? null;
      if (effect === 'START') {
        // The department's own limit runs only while an outside department holds the ticket.
        if (target === SlaTarget.DEPT_RESOLVE && !situation.withOutsideDepartment) continue;
        const terms = matchTarget(policies, subject, target, filedAt);
        if (!terms) continue;
        const paused = shouldPause(terms.pauseWhen, situation);
        const fixed = await this.deadlines.dueAt(em, t, target);
        const ct = withRatingReminder(target, fixed && +fixed > +at ? { ...clockTerms(terms), minutes: (+fixed - +at) / 60_000, calendar: CALENDAR_24X7 } : clockTerms(terms));
        const tr = row
          ? restartClock(row.clock, at, calendars, ct, paused)
          : startClock({ target, terms: ct, at, paused }, calendars);
        apply(row, tr, { escalationSteps: 0, categoryCode: t.categoryCode, priority: t.priority });
      } else if (row) {
        apply(row, effect === 'STOP' ? stopClock(row.clock, at, calendars) : cancelClock(row.clock, at, calendars));
      }
    }

    // 2. Every other live clock: recalculate when the ticket's category or priority changed, pause or resume with the situation.
    const touched = new Set(clockEffects(change.action, change.to).map((e) => e.target));
    for (const row of [...current.values()]) {
      if (touched.has(row.clock.target) || row.clock.stoppedAt !== null) continue;
      let now = row;
      if (row.categoryCode !== t.categoryCode || row.priority !== t.priority) {
        const terms = matchTarget(policies, subject, row.clock.target, filedAt);
        if (terms) apply(row, recalculateClock(row.clock, withRatingReminder(row.clock.target, clockTerms(terms)), at, calendars), { categoryCode: t.categoryCode, priority: t.priority });
        now = current.get(row.clock.target)!;
      }
      const rule = (await this.policies.termsOf(now.clock.terms.policyId, now.clock.terms.policyVersion, now.clock.target, em))?.pauseWhen ?? null;
      const want = shouldPause(rule, situation);
      if (want) apply(now, pauseClock(now.clock, at, calendars));
      else apply(now, resumeClock(now.clock, at, calendars));
    }
    // 3. Write, record, and remember the wake-ups for after the commit.
    await this.writeChanged(em, change, changed, current);
  }

  /** Moves due times (督办 with a deadline, a granted extension): each clock `how` answers a transition for. */
  private async move(em: EntityManager, change: TicketChange, how: (row: ClockRow) => ClockTransition | null): Promise<void> {
    const t = change.ticket;
    const rows = await this.clocks.forTicket(em, t.id, true);
    const current = new Map<SlaTarget, ClockRow>(rows.map((r) => [r.clock.target, r]));
    const changed: Changed = new Map();
    for (const row of rows) {
      const tr = how(row);
      if (!tr || tr.clock === row.clock) continue;
      const after: ClockRow = { ...row, nextWakeAt: null, clock: tr.clock };
      changed.set(row.clock.target, { before: row, after, events: [...tr.events] });
      current.set(row.clock.target, after);
    }
    await this.writeChanged(em, change, changed, current);
  }

  private async writeChanged(em: EntityManager, change: TicketChange, changed: Changed, current: Map<SlaTarget, ClockRow>): Promise<void> {
    if (changed.size === 0) return;
    const t = change.ticket;
    const at = change.at;
    const wakes: Wake[] = [];
    const stale: SlaWakePayload[] = [];
    const notices: NotificationRow[] = [];
    for (const c of changed.values()) {
      const chain = await this.writer.chainOf(c.after, em);
      const steps = dueEscalationSteps(c.after.clock, c.after.escalationSteps, chain, at, calendars);
      const w = await this.writer.write(em, t, c.before, c.after, c.events, steps, chain, at);
      if (!w.ok) throw conflict(); // the rows are locked: only a bug gets here
      notices.push(...w.notices);
      if (c.before?.nextWakeAt) stale.push({ ticketId: t.id, target: c.before.clock.target, version: c.before.clock.version });
      if (w.after.nextWakeAt) wakes.push(this.writer.wakeOf(w.after));
      current.set(w.after.clock.target, w.after);
    }
    await this.writer.setUrgency(em, t.id, [...current.values()], at);
    this.pending.set(change, { wakes, stale, notices });
  }

  afterCommit(change: TicketChange): Promise<void> | void {
    const p = this.pending.get(change);
    if (!p) return;
    this.pending.delete(change);
    this.writer.announce(p.notices);
    return this.writer.enqueue(p.wakes, p.stale);
  }

  /**
   * A retry found this ticket: its filing may have committed without enqueueing the wake-ups (the
   * process died, or Redis failed, before the answer). Schedules every pending wake-up of its clocks
   * from MySQL; one that exists is left as it is (fixed job ids).
   */
  async afterRetry(ticket: TicketRow): Promise<void> {
    const rows = await this.clocks.forTickets([ticket.id]);
    await this.writer.enqueue(rows.filter((r) => r.nextWakeAt).map((r) => this.writer.wakeOf(r)), []);
  }
}

/** The targets a 督办 deadline moves: the handling side's work (the rating window is the owner's). */
const DEADLINE_TARGETS: ReadonlySet<SlaTarget> = new Set([SlaTarget.ACCEPT, SlaTarget.RESOLVE, SlaTarget.DISPATCH_RESPONSE, SlaTarget.MEDIATION, SlaTarget.DEPT_RESOLVE]);

/** The resolve-by a granted extension sets (DECIDE_EXTENSION with `granted`). */
function grantedExtensionOf(change: TicketChange): Date | null {
  if (change.action !== TicketAction.DECIDE_EXTENSION || change.data?.granted !== true || typeof change.data.until !== 'string') return null;
  const d = new Date(change.data.until);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The deadline a change sets on the ticket's clocks: a 督办 that names one. */
function deadlineOf(change: TicketChange): Date | null {
  if (change.action !== TicketAction.SUPERVISE || typeof change.data?.deadline !== 'string') return null;
  const d = new Date(change.data.deadline);
  return Number.isNaN(d.getTime()) ? null : d;
}
