import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { EntityManager } from 'typeorm';
import { TicketAction, TicketStatus, UnitKind, changesState } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { conflict } from '../common/domain-error';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import { TicketsService } from '../tickets/tickets.service';
import type { TicketRow } from '../tickets/ticket-row';
import {
  advanceClock, cancelClock, clockEffects, clockTerms, defaultCalendars, dueEscalationSteps, matchTarget, nextWakeAt, pauseClock,
  recalculateClock, restartClock, resumeClock, shouldPause, startClock, stopClock, ticketUrgency, tightenClock, viewClock, SlaTarget,
  type ClockEvent, type ClockTransition, type ClockView, type EscalationChain, type ScheduledEscalation, type SlaSubject,
  type TicketSituation,
} from './domain';
import { escalationKey, SlaClockRepository, type ClockRow, type NewEscalation } from './sla-clock.repository';
import { NotificationsService, type NotificationRow } from '../notifications/notifications.service';
import { noWrites, SlaNotifier, type RecipientsOf } from './sla-notifier';
import { SlaPolicyRepository } from './sla-policy.repository';
import { SlaScheduler, type Wake } from './jobs/sla-scheduler';
import type { SlaWakePayload } from './jobs/job-names';
import { SlaDeadlineSources } from './sla-deadlines';
import { CALENDAR_24X7 } from './domain/working-calendar';
import { Metrics } from '../observability/metrics';

/** An SLA event a firing applied (for the metrics): WARNED/BREACHED with lateness, ESCALATED steps. */
interface Firing {
  readonly target: SlaTarget;
  readonly kind: 'WARNED' | 'BREACHED' | 'ESCALATED';
  readonly lateMs: number | null;
}

const calendars = defaultCalendars;

export type FireResult = 'fired' | 'stale' | 'early';

/**
 * How many other due clocks a wake-up takes along in its transaction. Clocks due together (a backlog,
 * or many due in the same second) are then applied with a few multi-row statements instead of ~10
 * round trips each; their own wake-ups find a newer version and finish without a transaction.
 */
/** Candidates read per batch: more than it takes, so that wake-ups running at once spread over them (SKIP LOCKED). */
const CANDIDATES_PER_BATCH = 10;
/** Clock versions this process moved past recently (ticket|target → version): a wake-up for an older one needs no read. */
const FIRED_MEMO_SIZE = 50_000;

/** The multi-row INSERT IGNORE of escalation steps met one recorded already: redo the batch reading them first. */
class EscalationAlreadyRecorded extends Error {}

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
  private readonly pending = new WeakMap<TicketChange, { wakes: Wake[]; stale: SlaWakePayload[]; notices: NotificationRow[] }>();
  /** ticket|target → the clock version this process last wrote by firing (bounded, oldest dropped first). */
  private readonly firedMemo = new Map<string, number>();

  constructor(
    private readonly listeners: TicketChangeListeners,
    private readonly tickets: TicketsService,
    private readonly clocks: SlaClockRepository,
    private readonly policies: SlaPolicyRepository,
    private readonly notifier: SlaNotifier,
    private readonly scheduler: SlaScheduler,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deadlines: SlaDeadlineSources,
    private readonly metrics: Metrics,
    private readonly notifications: NotificationsService,
  ) {}

  /** Counts what a committed transaction applied, and how late against each event's scheduled instant. */
  private observeFirings(firings: readonly Firing[]): void {
    for (const f of firings) {
      this.metrics.slaFirings.inc({ target: f.target, kind: f.kind });
      if (f.lateMs !== null) this.metrics.slaLateness.observe({ target: f.target, kind: f.kind }, Math.max(0, f.lateMs) / 1000);
    }
  }

  private static firingsOf(target: SlaTarget, events: readonly { type: string; at: Date }[], escalations: number, now: Date): Firing[] {
    const out: Firing[] = [];
    for (const e of events) if (e.type === 'WARNED' || e.type === 'BREACHED') out.push({ target, kind: e.type, lateMs: +now - +e.at });
    for (let i = 0; i < escalations; i++) out.push({ target, kind: 'ESCALATED', lateMs: null });
    return out;
  }

  onModuleInit(): void {
    this.listeners.register(this);
  }

  // ---- following the ticket ----------------------------------------------------------------

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    const deadline = deadlineOf(change);
    if (deadline) return this.tighten(em, change, deadline);
    // Record-only actions change nothing a clock depends on (no status, priority or category change).
    if (!changesState(change.action)) return;
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
        // The department's own limit runs only while an outside department holds the ticket.
        if (target === SlaTarget.DEPT_RESOLVE && !situation.withOutsideDepartment) continue;
        const terms = matchTarget(policies, subject, target, at);
        if (!terms) continue;
        const paused = shouldPause(terms.pauseWhen, situation);
        const fixed = await this.deadlines.dueAt(em, t, target);
        const ct = fixed && +fixed > +at ? { ...clockTerms(terms), minutes: (+fixed - +at) / 60_000, calendar: CALENDAR_24X7 } : clockTerms(terms);
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
        const terms = matchTarget(policies, subject, row.clock.target, at);
        if (terms) apply(row, recalculateClock(row.clock, clockTerms(terms), at, calendars), { categoryCode: t.categoryCode, priority: t.priority });
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

  /** 督办 with a deadline: every running clock of the handling targets that would run out later is moved to it. */
  private async tighten(em: EntityManager, change: TicketChange, deadline: Date): Promise<void> {
    const t = change.ticket;
    const rows = await this.clocks.forTicket(em, t.id, true);
    const current = new Map<SlaTarget, ClockRow>(rows.map((r) => [r.clock.target, r]));
    const changed = new Map<SlaTarget, { before: ClockRow | null; after: ClockRow; events: ClockEvent[] }>();
    for (const row of rows) {
      if (!DEADLINE_TARGETS.has(row.clock.target)) continue;
      const tr = tightenClock(row.clock, deadline, change.at, calendars);
      if (tr.clock === row.clock) continue;
      const after: ClockRow = { ...row, nextWakeAt: null, clock: tr.clock };
      changed.set(row.clock.target, { before: row, after, events: [...tr.events] });
      current.set(row.clock.target, after);
    }
    await this.writeChanged(em, change, changed, current);
  }

  private async writeChanged(
    em: EntityManager, change: TicketChange, changed: Map<SlaTarget, { before: ClockRow | null; after: ClockRow; events: ClockEvent[] }>,
    current: Map<SlaTarget, ClockRow>,
  ): Promise<void> {
    if (changed.size === 0) return;
    const t = change.ticket;
    const at = change.at;
    const wakes: Wake[] = [];
    const stale: SlaWakePayload[] = [];
    const notices: NotificationRow[] = [];
    for (const c of changed.values()) {
      const chain = await this.chainOf(c.after, em);
      const steps = dueEscalationSteps(c.after.clock, c.after.escalationSteps, chain, at, calendars);
      const w = await this.write(em, t, c.before, c.after, c.events, steps, chain, at);
      if (!w.ok) throw conflict(); // the rows are locked: only a bug gets here
      notices.push(...w.notices);
      if (c.before?.nextWakeAt) stale.push({ ticketId: t.id, target: c.before.clock.target, version: c.before.clock.version });
      if (w.after.nextWakeAt) wakes.push(this.wakeOf(w.after));
      current.set(w.after.clock.target, w.after);
    }
    await this.setUrgency(em, t.id, [...current.values()], at);
    this.pending.set(change, { wakes, stale, notices });
  }

  afterCommit(change: TicketChange): Promise<void> | void {
    const p = this.pending.get(change);
    if (!p) return;
    this.pending.delete(change);
    this.announce(p.notices);
    return this.enqueue(p.wakes, p.stale);
  }

  /**
   * A retry found this ticket: its filing may have committed without enqueueing the wake-ups (the
   * process died, or Redis failed, before the answer). Schedules every pending wake-up of its clocks
   * from MySQL; one that exists is left as it is (fixed job ids).
   */
  async afterRetry(ticket: TicketRow): Promise<void> {
    const rows = await this.clocks.forTickets([ticket.id]);
    await this.enqueue(rows.filter((r) => r.nextWakeAt).map((r) => this.wakeOf(r)), []);
  }

  // ---- wake-ups ----------------------------------------------------------------------------

  /**
   * Handles a wake-up: re-reads the clock and acts only if its version is the one scheduled and its
   * time has come (`early` otherwise: a worker whose clock runs ahead must not fire early).
   */
  async wake(p: SlaWakePayload): Promise<{ result: FireResult; at?: Date }> {
    if (p.target === SlaTarget.RATING) return this.wakeOne(p);
    const now = this.clock.now();
    // Cheap checks first: most wake-ups during a burst were applied by another wake-up's batch already.
    const moved = this.firedMemo.get(`${p.ticketId}|${p.target}`);
    if (moved !== undefined && moved > p.version) return { result: 'stale' };
    const head = await this.clocks.head(p.ticketId, p.target);
    if (!head || head.version !== p.version || !head.nextWakeAt) return { result: 'stale' };
    if (+head.nextWakeAt > +now) return { result: 'early', at: head.nextWakeAt };
    const result = await this.fireBatch(p, now, this.config.sla.fireBatch);
    if (result !== 'early') return { result };
    const row = await this.clocks.find(p.ticketId, p.target);
    return row?.nextWakeAt && row.clock.version === p.version ? { result, at: row.nextWakeAt } : { result: 'stale' };
  }

  private async wakeOne(p: SlaWakePayload): Promise<{ result: FireResult; at?: Date }> {
    const result = await this.fire(p.ticketId, p.target, p.version, this.clock.now());
    if (result !== 'early') return { result };
    const row = await this.clocks.find(p.ticketId, p.target);
    return row?.nextWakeAt && row.clock.version === p.version ? { result, at: row.nextWakeAt } : { result: 'stale' };
  }

  /**
   * Fires clock `own` (version checked as in `fire`) together with up to `limit` other clocks due by
   * `now`, in one READ COMMITTED transaction: the tickets are locked with SKIP LOCKED (a batch never
   * waits while holding rows, so it cannot deadlock with a ticket's own transaction or another batch),
   * their clocks FOR UPDATE, and every due clock of a locked ticket is compare-and-set exactly as the
   * single path would. When `own`'s ticket is held by someone else the batch goes on without it and
   * `own` then takes the single path (which waits for the lock).
   */
  async fireBatch(own: SlaWakePayload, now: Date, limit: number = this.config.sla.fireBatch): Promise<FireResult> {
    let checked = false;
    for (;;) {
      try {
        const firings: Firing[] = [];
        const r = await this.clocks.transaction((em) => this.fireBatchIn(em, own, now, limit, checked, firings), 'READ COMMITTED');
        this.observeFirings(firings);
        for (const [key, version] of r.moved) this.remember(key, version);
        // The other clocks' wake-ups are pointless now: drop them so no worker spends a job on them (best effort).
        await this.enqueue(r.wakes, r.stale);
        this.announce(r.notices);
        return r.own ?? this.fire(own.ticketId, own.target, own.version, now);
      } catch (e) {
        if (e instanceof EscalationAlreadyRecorded && !checked) {
          checked = true; // rolled back; read what is recorded, then redo
          continue;
        }
        throw e;
      }
    }
  }

  private async fireBatchIn(
    em: EntityManager, own: SlaWakePayload, now: Date, limit: number, checked: boolean, firings: Firing[] = [],
  ): Promise<{ own: FireResult | null; wakes: Wake[]; stale: SlaWakePayload[]; moved: [string, number][]; notices: NotificationRow[] }> {
    const candidates = limit > 0 ? await this.clocks.dueTicketIds(em, now, limit * CANDIDATES_PER_BATCH) : [];
    const others = shuffle([...new Set(candidates)].filter((id) => id !== own.ticketId)).slice(0, limit);
    const tickets = await this.tickets.lockFreeForFollowers(em, [own.ticketId, ...others]);
    const ids = tickets.map((t) => t.id);
    const rows = await this.clocks.forTicketsLocked(em, ids);
    const byTicket = new Map<string, ClockRow[]>(ids.map((id) => [id, []]));
    for (const r of rows) byTicket.get(r.ticketId)?.push(r);
    const recorded = checked ? await this.clocks.escalationsOf(em, ids) : null;
    const out = noWrites();
    const recipients = this.recipientsCache(em);
    const how = {
      recipients,
      escalate: (e: NewEscalation) => {
        if (recorded?.has(escalationKey(e))) return false;
        out.escalations.push(e);
        return true;
      },
    };
    const updates: { row: ClockRow; expectedVersion: number }[] = [];
    const urgencies: { ticketId: string; bucket: number; sort: number }[] = [];
    const wakes: Wake[] = [];
    let ownResult: FireResult | null = null;
    for (const ticket of tickets) {
      const clocks = byTicket.get(ticket.id)!;
      const isOwn = ticket.id === own.ticketId;
      if (isOwn) {
        const mine = clocks.find((r) => r.clock.target === own.target);
        ownResult = !mine || mine.clock.version !== own.version ? 'stale' : !mine.nextWakeAt || +mine.nextWakeAt > +now ? 'early' : 'stale';
      }
      let changed = false;
      const current = [...clocks];
      for (let i = 0; i < current.length; i++) {
        const row = current[i];
        if (row.clock.target === SlaTarget.RATING || !row.nextWakeAt || +row.nextWakeAt > +now) continue;
        const settled = advanceClock(row.clock, now);
        const chain = await this.chainOf(row, em);
        const steps = dueEscalationSteps(settled.clock, row.escalationSteps, chain, now, calendars);
        const final = this.finalize(row, { ...row, clock: settled.clock }, steps, chain);
        if (!final) continue;
        await this.notifier.plan(out, ticket, final, settled.events, steps, chain, now, how);
        updates.push({ row: final, expectedVersion: row.clock.version });
        firings.push(...SlaService.firingsOf(row.clock.target, settled.events, steps.length, now));
        if (final.nextWakeAt) wakes.push(this.wakeOf(final));
        if (isOwn && row.clock.target === own.target) ownResult = 'fired';
        current[i] = final;
        changed = true;
      }
      if (changed) urgencies.push({ ticketId: ticket.id, ...this.urgencyOf(ticket.id, current, now) });
    }
    const fresh = await this.clocks.insertEscalations(em, out.escalations);
    if (fresh !== out.escalations.length) throw new EscalationAlreadyRecorded();
    const notices = await this.notifier.flush(em, out);
    const written = await this.clocks.updateManyIfVersion(em, updates, now);
    if (written !== updates.length) throw conflict(); // the rows are locked: only a bug gets here
    await this.tickets.setUrgencies(em, urgencies);
    const stale = updates
      .filter((u) => !(u.row.ticketId === own.ticketId && u.row.clock.target === own.target))
      .map((u) => ({ ticketId: u.row.ticketId, target: u.row.clock.target, version: u.expectedVersion }));
    return { own: ownResult, wakes, stale, moved: updates.map((u) => [`${u.row.ticketId}|${u.row.clock.target}`, u.row.clock.version]), notices };
  }

  /** Recipients within one batch: tickets of the same complex, unit or assignee reach the same people (one query each). */
  private recipientsCache(em: EntityManager): RecipientsOf {
    const seen = new Map<string, Promise<string[]>>();
    return (level, t) => {
      const key = `${level}|${t.assigneeId}|${t.dispatchTargetUnitId}|${t.handlingUnitId}|${t.complexId}|${t.companyId}|${t.communityId}`;
      let hit = seen.get(key);
      if (!hit) seen.set(key, (hit = this.notifier.recipients(level, t, em)));
      return hit;
    };
  }

  private remember(key: string, version: number): void {
    this.firedMemo.delete(key);
    this.firedMemo.set(key, version);
    if (this.firedMemo.size > FIRED_MEMO_SIZE) this.firedMemo.delete(this.firedMemo.keys().next().value!);
  }

  /** Applies whatever is due on one clock at `now` (warning, breach, escalation steps, rating expiry). */
  async fire(ticketId: string, target: SlaTarget, version: number, now: Date = this.clock.now(), opts: { enqueue?: boolean } = {}): Promise<FireResult> {
    if (target === SlaTarget.RATING) return this.expireRating(ticketId, version, now);
    let next: Wake | null = null;
    let firings: Firing[] = [];
    let notices: NotificationRow[] = [];
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
      notices = w.notices;
      await this.setUrgency(em, ticketId, rows.map((r) => (r.clock.target === target ? w.after : r)), now);
      if (w.after.nextWakeAt) next = this.wakeOf(w.after);
      firings = SlaService.firingsOf(target, settled.events, steps.length, now);
      return 'fired';
    });
    this.observeFirings(firings);
    if (next && opts.enqueue !== false) await this.enqueue([next], []);
    this.announce(notices);
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

  // ---- internals ---------------------------------------------------------------------------

  private async chainOf(row: ClockRow, em: EntityManager): Promise<EscalationChain | null> {
    return (await this.policies.termsOf(row.clock.terms.policyId, row.clock.terms.policyVersion, row.clock.target, em))?.escalation ?? null;
  }

  wakeOf(row: ClockRow): Wake {
    return { ticketId: row.ticketId, target: row.clock.target, version: row.clock.version, at: row.nextWakeAt! };
  }

  /** The clock as it will be written: next version, steps taken, next wake-up; null when nothing changed. */
  private finalize(before: ClockRow | null, after: ClockRow, steps: readonly ScheduledEscalation[], chain: EscalationChain | null): ClockRow | null {
    if (before && after.clock === before.clock && steps.length === 0) return null;
    const version = before ? before.clock.version + 1 : 1;
    const escalationSteps = after.escalationSteps + steps.length;
    const clock = { ...after.clock, version };
    return { ...after, clock, escalationSteps, nextWakeAt: nextWakeAt(clock, escalationSteps, chain, calendars) };
  }

  /** Inserts or compare-and-sets one clock with its escalation steps taken and its next wake-up; records its events. */
  private async write(
    em: EntityManager, ticket: TicketRow, before: ClockRow | null, after: ClockRow, events: readonly ClockEvent[],
    steps: readonly ScheduledEscalation[], chain: EscalationChain | null, now: Date,
  ): Promise<{ ok: boolean; after: ClockRow; notices: NotificationRow[] }> {
    const final = this.finalize(before, after, steps, chain);
    if (!final) return { ok: false, after: before!, notices: [] };
    if (before?.id) {
      if (!(await this.clocks.updateIfVersion(em, final, before.clock.version, now))) return { ok: false, after: before, notices: [] };
    } else {
      const id = await this.clocks.insert(em, final, now);
      Object.assign(final, { id });
    }
    const notices = await this.notifier.record(em, ticket, final, events, steps, chain, now);
    return { ok: true, after: final, notices };
  }

  private urgencyOf(ticketId: string, rows: readonly ClockRow[], now: Date) {
    return ticketUrgency(rows.map((r) => viewClock(r.clock, now, calendars)), ticketId);
  }

  private async setUrgency(em: EntityManager, ticketId: string, rows: readonly ClockRow[], now: Date): Promise<void> {
    const u = this.urgencyOf(ticketId, rows, now);
    await this.tickets.setUrgency(em, ticketId, u.bucket, u.sort);
  }

  /**
   * Pushes committed SLA notices to the live bell. Not awaited: a hung Redis must not hold up firing (the
   * reconciler fires from MySQL while Redis hangs), and a lost push is caught up by the centre's refetch.
   */
  private announce(notices: readonly NotificationRow[]): void {
    if (notices.length === 0) return;
    this.notifications.announce(notices).catch((e) => this.log.warn(`could not announce ${notices.length} SLA notice(s) live: ${e}`));
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

/** The targets a 督办 deadline moves: the handling side's work (the rating window is the owner's). */
const DEADLINE_TARGETS: ReadonlySet<SlaTarget> = new Set([SlaTarget.ACCEPT, SlaTarget.RESOLVE, SlaTarget.DISPATCH_RESPONSE, SlaTarget.MEDIATION, SlaTarget.DEPT_RESOLVE]);

/** The deadline a change sets on the ticket's clocks: a 督办 that names one. */
function deadlineOf(change: TicketChange): Date | null {
  if (change.action !== TicketAction.SUPERVISE || typeof change.data?.deadline !== 'string') return null;
  const d = new Date(change.data.deadline);
  return Number.isNaN(d.getTime()) ? null : d;
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
