import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketAction, TicketStatus, UnitKind } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { conflict } from '../common/domain-error';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import { TicketsService } from '../tickets/tickets.service';
import type { TicketRow } from '../tickets/tickets.repository';
import {
  advanceClock, cancelClock, clockEffects, clockTerms, defaultCalendars, dueEscalationSteps, matchTarget, nextWakeAt, pauseClock,
  recalculateClock, restartClock, resumeClock, shouldPause, startClock, stopClock, ticketUrgency, viewClock, SlaTarget,
  type ClockEvent, type ClockTransition, type ClockView, type EscalationChain, type ScheduledEscalation, type SlaPolicy, type SlaSubject,
  type TicketSituation,
} from './domain';
import { SlaClockRepository, type ClockRow } from './sla-clock.repository';
import { SlaNotifier } from './sla-notifier';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaScheduler, type Wake } from './jobs/sla-scheduler';
import type { SlaWakePayload } from './jobs/job-names';

const calendars = defaultCalendars;

/** Actions that change nothing a clock depends on (no status, priority or category change). */
const CLOCK_NEUTRAL: ReadonlySet<TicketAction> = new Set([TicketAction.COMMENT, TicketAction.ADD_PROGRESS]);

export type FireResult = 'fired' | 'stale' | 'early';

interface Written {
  before: ClockRow | null;
  after: ClockRow;
}

function subjectOf(t: TicketRow): SlaSubject {
  return { companyId: String(t.companyId ?? ''), complexId: String(t.complexId), category: t.categoryCode, priority: t.priority };
}

function situationOf(t: TicketRow, status: TicketStatus): TicketSituation {
  return { status, withOutsideDepartment: t.handlingUnitKind === UnitKind.DEPARTMENT };
}

/**
 * The SLA engine's heart: clocks follow the ticket (started, stopped, paused, resumed, recalculated in
 * the ticket's own transaction), and wake-ups fire warnings, breaches, escalation steps and the
 * rating window's end. MySQL holds the truth; BullMQ jobs are only wake-ups, enqueued after commit.
 * Every write is a compare-and-set on the clock's version, so a wake-up that arrives twice, late, or
 * after the ticket moved on does nothing.
 */
@Injectable()
export class SlaService implements TicketChangeListener, OnModuleInit {
  private readonly log = new Logger(SlaService.name);
  /** Wake-ups computed inside a ticket's transaction, enqueued by afterCommit (same change object). */
  private readonly pending = new WeakMap<TicketChange, { wakes: Wake[]; stale: SlaWakePayload[] }>();

  constructor(
    private readonly listeners: TicketChangeListeners,
    private readonly tickets: TicketsService,
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly notifier: SlaNotifier,
    private readonly scheduler: SlaScheduler,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  // ---- following the ticket ----------------------------------------------------------------

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    if (CLOCK_NEUTRAL.has(change.action)) return;
    const t = change.ticket;
    const at = change.at;
    const rows = change.action === TicketAction.REPORT ? [] : await this.clocks.forTicket(em, t.id, true);
    const policies = await this.policies.all(em);
    const subject = subjectOf(t);
    const situation = situationOf(t, change.to);
    const current = new Map<SlaTarget, ClockRow>(rows.map((r) => [r.clock.target, r]));
    const changed = new Map<SlaTarget, { before: ClockRow | null; after: ClockRow; events: ClockEvent[] }>();
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
        const terms = matchTarget(policies, subject, target, at);
        if (!terms) continue;
        const paused = shouldPause(terms.pauseWhen, situation);
        const tr = row
          ? restartClock(row.clock, at, calendars, clockTerms(terms), paused)
          : startClock({ target, terms: clockTerms(terms), at, paused }, calendars);
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
        const terms = matchTarget(policies, subject, row.clock.target, at);
        if (terms) apply(row, recalculateClock(row.clock, clockTerms(terms), at, calendars), { categoryCode: t.categoryCode, priority: t.priority });
        now = current.get(row.clock.target)!;
      }
      const rule = (await this.policies.termsOf(now.clock.terms.policyId, now.clock.terms.policyVersion, now.clock.target, em))?.pauseWhen ?? null;
      const want = shouldPause(rule, situation);
      if (want) apply(now, pauseClock(now.clock, at, calendars));
      else apply(now, resumeClock(now.clock, at, calendars));
    }
    if (changed.size === 0) return;

    // 3. Write, record, and remember the wake-ups for after the commit.
    const wakes: Wake[] = [];
    const stale: SlaWakePayload[] = [];
    for (const c of changed.values()) {
      const chain = await this.chainOf(c.after, em);
      const steps = dueEscalationSteps(c.after.clock, c.after.escalationSteps, chain, at, calendars);
      const w = await this.write(em, t, c.before, c.after, c.events, steps, chain, at);
      if (!w.ok) throw conflict(); // the rows are locked: only a bug gets here
      if (c.before?.nextWakeAt) stale.push({ ticketId: t.id, target: c.before.clock.target, version: c.before.clock.version });
      if (w.after.nextWakeAt) wakes.push(this.wakeOf(w.after));
      current.set(w.after.clock.target, w.after);
    }
    await this.setUrgency(em, t.id, [...current.values()], at);
    this.pending.set(change, { wakes, stale });
  }

  afterCommit(change: TicketChange): Promise<void> | void {
    const p = this.pending.get(change);
    if (!p) return;
    this.pending.delete(change);
    return this.enqueue(p.wakes, p.stale);
  }

  // ---- wake-ups ----------------------------------------------------------------------------

  /**
   * Handles a wake-up: re-reads the clock and acts only if its version is the one scheduled and its
   * time has come (`early` otherwise: a worker whose clock runs ahead must not fire early).
   */
  async wake(p: SlaWakePayload): Promise<{ result: FireResult; at?: Date }> {
    const result = await this.fire(p.ticketId, p.target, p.version, this.clock.now());
    if (result !== 'early') return { result };
    const row = await this.clocks.find(p.ticketId, p.target);
    return row?.nextWakeAt && row.clock.version === p.version ? { result, at: row.nextWakeAt } : { result: 'stale' };
  }

  /** Applies whatever is due on one clock at `now` (warning, breach, escalation steps, rating expiry). */
  async fire(ticketId: string, target: SlaTarget, version: number, now: Date = this.clock.now()): Promise<FireResult> {
    if (target === SlaTarget.RATING) return this.expireRating(ticketId, version, now);
    let next: Wake | null = null;
    const result = await this.clocks.transaction(async (em): Promise<FireResult> => {
      const ticket = await this.tickets.lockForFollower(em, ticketId);
      if (!ticket) return 'stale';
      const rows = await this.clocks.forTicket(em, ticketId, true);
      const row = rows.find((r) => r.clock.target === target);
      if (!row || row.clock.version !== version) return 'stale';
      if (!row.nextWakeAt || +row.nextWakeAt > +now) return 'early';
      const settled = advanceClock(row.clock, now);
      const chain = await this.chainOf(row, em);
      const steps = dueEscalationSteps(settled.clock, row.escalationSteps, chain, now, calendars);
      const after: ClockRow = { ...row, clock: settled.clock };
      const w = await this.write(em, ticket, row, after, settled.events, steps, chain, now);
      if (!w.ok) return 'stale';
      await this.setUrgency(em, ticketId, rows.map((r) => (r.clock.target === target ? w.after : r)), now);
      if (w.after.nextWakeAt) next = this.wakeOf(w.after);
      return 'fired';
    });
    if (next) await this.enqueue([next], []);
    return result;
  }

  /** The rating window ran out: the ticket closes as unrated (AUTO_CLOSE), which stops the clock in its transaction. */
  private async expireRating(ticketId: string, version: number, now: Date): Promise<FireResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.clocks.find(ticketId, SlaTarget.RATING);
      if (!row || row.clock.version !== version || row.clock.stoppedAt !== null) return 'stale';
      if (!row.nextWakeAt || +row.nextWakeAt > +now) return 'early';
      const ticket = await this.clocks.transaction((em) => this.tickets.lockForFollower(em, ticketId));
      if (!ticket || ticket.status !== TicketStatus.RESOLVED) return 'stale';
      const closed = await this.tickets.actAsSystem(ticketId, TicketAction.AUTO_CLOSE, ticket.version, '评价期已过，业主未评价，工单自动关闭', {
        reason: 'RATING_WINDOW_EXPIRED', target: SlaTarget.RATING,
      });
      if (closed) return 'fired';
    }
    return 'stale';
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Clock views of tickets at `now`, by ticket id, in target order. */
  async viewsOf(ticketIds: readonly string[], now: Date = this.clock.now()): Promise<Map<string, (ClockView & { row: ClockRow })[]>> {
    const rows = await this.clocks.forTickets(ticketIds);
    const out = new Map<string, (ClockView & { row: ClockRow })[]>(ticketIds.map((id) => [id, []]));
    const order = Object.values(SlaTarget);
    for (const r of rows.sort((a, b) => order.indexOf(a.clock.target) - order.indexOf(b.clock.target))) {
      out.get(r.ticketId)?.push({ ...viewClock(r.clock, now, calendars), row: r });
    }
    return out;
  }

  policiesInStore(): Promise<SlaPolicy[]> {
    return this.policies.all();
  }

  // ---- internals ---------------------------------------------------------------------------

  private async chainOf(row: ClockRow, em: EntityManager): Promise<EscalationChain | null> {
    return (await this.policies.termsOf(row.clock.terms.policyId, row.clock.terms.policyVersion, row.clock.target, em))?.escalation ?? null;
  }

  wakeOf(row: ClockRow): Wake {
    return { ticketId: row.ticketId, target: row.clock.target, version: row.clock.version, at: row.nextWakeAt! };
  }

  /** Inserts or compare-and-sets one clock with its escalation steps taken and its next wake-up; records its events. */
  private async write(
    em: EntityManager, ticket: TicketRow, before: ClockRow | null, after: ClockRow, events: readonly ClockEvent[],
    steps: readonly ScheduledEscalation[], chain: EscalationChain | null, now: Date,
  ): Promise<{ ok: boolean; after: ClockRow }> {
    if (before && after.clock === before.clock && steps.length === 0) return { ok: false, after: before };
    const version = before ? before.clock.version + 1 : 1;
    const escalationSteps = after.escalationSteps + steps.length;
    const clock = { ...after.clock, version };
    const final: ClockRow = { ...after, clock, escalationSteps, nextWakeAt: nextWakeAt(clock, escalationSteps, chain, calendars) };
    if (before?.id) {
      if (!(await this.clocks.updateIfVersion(em, final, before.clock.version, now))) return { ok: false, after: before };
    } else {
      const id = await this.clocks.insert(em, final, now);
      Object.assign(final, { id });
    }
    await this.notifier.record(em, ticket, final, events, steps, chain, now);
    return { ok: true, after: final };
  }

  private async setUrgency(em: EntityManager, ticketId: string, rows: readonly ClockRow[], now: Date): Promise<void> {
    const u = ticketUrgency(rows.map((r) => viewClock(r.clock, now, calendars)), ticketId);
    await this.tickets.setUrgency(em, ticketId, u.bucket, u.sort);
  }

  private async enqueue(wakes: Wake[], stale: SlaWakePayload[]): Promise<void> {
    try {
      await this.scheduler.schedule(wakes);
      if (stale.length) await this.scheduler.unschedule(stale);
    } catch (e) {
      // The reconciler re-creates it from MySQL.
      this.log.warn(`could not enqueue SLA wake-ups (${wakes.length}); the reconciler will: ${e}`);
    }
  }
}
