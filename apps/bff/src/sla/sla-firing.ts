import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TicketAction, TicketStatus } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock';
import { conflict } from '../common/domain-error';
import { TicketsService } from '../tickets/tickets.service';
import type { NotificationRow } from '../notifications/notifications.service';
import { SlaTarget } from './domain';
import { escalationKey, SlaClockRepository, type ClockRow, type NewEscalation } from './sla-clock.repository';
import { noWrites, SlaNotifier, type RecipientsOf } from './sla-notifier';
import type { Wake } from './jobs/sla-scheduler';
import type { SlaWakePayload } from '../jobs/job-names';
import { Metrics } from '../observability/metrics';
import { SlaClockWriter } from './sla-clock-writer';
import { EXPIRIES, type Expiry } from './sla-owner-windows';

/** An SLA event a firing applied (for the metrics): WARNED/BREACHED with lateness, ESCALATED steps. */
interface Firing {
  readonly target: SlaTarget;
  readonly kind: 'WARNED' | 'BREACHED' | 'ESCALATED';
  readonly lateMs: number | null;
}

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

function firingsOf(target: SlaTarget, events: readonly { type: string; at: Date }[], escalations: number, now: Date): Firing[] {
  const out: Firing[] = [];
  for (const e of events) if (e.type === 'WARNED' || e.type === 'BREACHED') out.push({ target, kind: e.type, lateMs: +now - +e.at });
  for (let i = 0; i < escalations; i++) out.push({ target, kind: 'ESCALATED', lateMs: null });
  return out;
}

/**
 * Wake-ups fire warnings, breaches, escalation steps and the rating window's end. MySQL holds the
 * truth; every write is a compare-and-set on the clock's version, so a wake-up that arrives twice,
 * late, or after the ticket moved on does nothing.
 */
@Injectable()
export class SlaFiring {
  /** ticket|target → the clock version this process last wrote by firing (bounded, oldest dropped first). */
  private readonly firedMemo = new Map<string, number>();

  constructor(
    private readonly tickets: TicketsService,
    private readonly clocks: SlaClockRepository,
    private readonly notifier: SlaNotifier,
    private readonly writer: SlaClockWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Counts what a committed transaction applied, and how late against each event's scheduled instant. */
  private observeFirings(firings: readonly Firing[]): void {
    for (const f of firings) {
      this.metrics.slaFirings.inc({ target: f.target, kind: f.kind });
      if (f.lateMs !== null) this.metrics.slaLateness.observe({ target: f.target, kind: f.kind }, Math.max(0, f.lateMs) / 1000);
    }
  }

  /**
   * Handles a wake-up: re-reads the clock and acts only if its version is the one scheduled and its
   * time has come (`early` otherwise: a worker whose clock runs ahead must not fire early).
   */
  async wake(p: SlaWakePayload): Promise<{ result: FireResult; at?: Date }> {
    if (EXPIRIES[p.target]) return this.wakeOne(p);
    const now = this.clock.now();
    // Cheap checks first: most wake-ups during a burst were applied by another wake-up's batch already.
    const moved = this.firedMemo.get(`${p.ticketId}|${p.target}`);
    if (moved !== undefined && moved > p.version) return { result: 'stale' };
    const head = await this.clocks.head(p.ticketId, p.target);
    if (!head || head.version !== p.version || !head.nextWakeAt) return { result: 'stale' };
    if (+head.nextWakeAt > +now) return { result: 'early', at: head.nextWakeAt };
    const result = await this.fireBatch(p, now, this.config.sla.fireBatch);
    if (result !== 'early') return { result };
    return this.laterOrStale(p, result);
  }

  private async wakeOne(p: SlaWakePayload): Promise<{ result: FireResult; at?: Date }> {
    const result = await this.fire(p.ticketId, p.target, p.version, this.clock.now());
    if (result !== 'early') return { result };
    return this.laterOrStale(p, result);
  }

  private async laterOrStale(p: SlaWakePayload, result: FireResult): Promise<{ result: FireResult; at?: Date }> {
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
        await this.writer.enqueue(r.wakes, r.stale);
        this.writer.announce(r.notices);
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
    const how = {
      recipients: this.recipientsCache(em),
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
        if (EXPIRIES[row.clock.target] || !row.nextWakeAt || +row.nextWakeAt > +now) continue;
        const s = await this.writer.settle(em, row, now);
        if (!s) continue;
        await this.notifier.plan(out, ticket, s.final, s.events, s.steps, s.chain, now, how);
        updates.push({ row: s.final, expectedVersion: row.clock.version });
        firings.push(...firingsOf(row.clock.target, s.events, s.steps.length, now));
        if (s.final.nextWakeAt) wakes.push(this.writer.wakeOf(s.final));
        if (isOwn && row.clock.target === own.target) ownResult = 'fired';
        current[i] = s.final;
        changed = true;
      }
      if (changed) urgencies.push({ ticketId: ticket.id, ...this.writer.urgencyOf(ticket.id, current, now) });
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
    const expiry = EXPIRIES[target];
    if (expiry) return this.expire(ticketId, target, expiry, version, now);
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
      const s = await this.writer.settle(em, row, now);
      if (!s) return 'stale';
      const w = await this.writer.persist(em, ticket, row, s.final, s.events, s.steps, s.chain, now);
      if (!w.ok) return 'stale';
      notices = w.notices;
      await this.writer.setUrgency(em, ticketId, rows.map((r) => (r.clock.target === target ? w.after : r)), now);
      if (w.after.nextWakeAt) next = this.writer.wakeOf(w.after);
      firings = firingsOf(target, s.events, s.steps.length, now);
      return 'fired';
    });
    this.observeFirings(firings);
    if (next && opts.enqueue !== false) await this.writer.enqueue([next], []);
    this.writer.announce(notices);
    return result;
  }

  /**
   * An owner's window ran out (the rating window, or answering a question): the ticket closes (AUTO_CLOSE,
   * CLOSE_UNANSWERED) through the tickets service, whose transaction stops the clock. Only from the state the
   * window belongs to and at the clock version scheduled, so a wake-up that comes twice or late does nothing.
   */
  private async expire(ticketId: string, target: SlaTarget, e: Expiry, version: number, now: Date): Promise<FireResult> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await this.clocks.find(ticketId, target);
      if (!row || row.clock.version !== version || row.clock.stoppedAt !== null) return 'stale';
      if (!row.nextWakeAt || +row.nextWakeAt > +now) return 'early';
      // Woken before the window's end: the owner's reminder is due (the rating window's warning), not the close.
      if (row.clock.dueAt && +row.clock.dueAt > +now) return this.remind(ticketId, target, e, version, now);
      const ticket = await this.clocks.transaction((em) => this.tickets.lockForFollower(em, ticketId));
      if (!ticket || ticket.status !== e.status) return 'stale';
      const closed = await this.tickets.actAsSystem(ticketId, e.action, ticket.version, e.note, { reason: e.reason, target });
      if (closed) return 'fired';
    }
    return 'stale';
  }

  /**
   * The rating window's warning: the owner is reminded once (compare-and-set on the clock version, so a
   * wake-up that comes twice or from two reconcilers writes one notice), and the clock's next wake-up is its end.
   */
  private async remind(ticketId: string, target: SlaTarget, e: Expiry, version: number, now: Date): Promise<FireResult> {
    let next: Wake | null = null;
    let notices: NotificationRow[] = [];
    const result = await this.clocks.transaction(async (em): Promise<FireResult> => {
      const ticket = await this.tickets.lockForFollower(em, ticketId);
      if (!ticket || ticket.status !== e.status) return 'stale';
      const row = (await this.clocks.forTicket(em, ticketId, true)).find((r) => r.clock.target === target);
      if (!row || row.clock.version !== version) return 'stale';
      if (!row.nextWakeAt || +row.nextWakeAt > +now) return 'early';
      const s = await this.writer.settle(em, row, now);
      const warned = s?.events.find((ev) => ev.type === 'WARNED');
      if (!s || !warned || warned.type !== 'WARNED' || s.events.some((ev) => ev.type === 'BREACHED')) return 'stale';
      if (!(await this.clocks.updateIfVersion(em, s.final, version, now))) return 'stale';
      if (target === SlaTarget.RATING) notices = await this.notifier.remindOwnerToRate(em, ticket, warned.dueAt, now);
      if (s.final.nextWakeAt) next = this.writer.wakeOf(s.final);
      return 'fired';
    });
    if (next) await this.writer.enqueue([next], []);
    this.writer.announce(notices);
    return result;
  }
}

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
