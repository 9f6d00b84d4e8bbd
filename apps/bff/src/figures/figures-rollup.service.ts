import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { TicketChangeListeners, type TicketChange, type TicketChangeListener } from '../tickets/ticket-change';
import { TicketsService } from '../tickets/tickets.service';
import { addHistograms, emptyHistograms, sameHistograms } from './domain/duration-histogram';
import { addCounters, COUNTERS, computeFacts, rollupKey, sameFacts, zeroCounters, type FactTicket, type TicketFacts } from './domain/ticket-facts';
import { contributionOf, FiguresRepository, rollupsFromFacts, type RollupValues } from './figures.repository';

/** What the figures read of a ticket: where and under which company it was filed, its category and channel. */
function subject(t: FactTicket): FactTicket {
  return { id: t.id, complexId: t.complexId, companyId: t.companyId, categoryCode: t.categoryCode, source: t.source };
}

export interface CheckReport {
  tickets: number;
  factDifferences: number;
  rollupDifferences: number;
  backlogDifferences: number;
  details: string[];
}

const CATCH_UP = 'events';
/** Each catch-up run re-reads this many events before its watermark (events that committed out of id order). */
const CATCH_UP_OVERLAP = 500;

/**
 * Keeps the figures (docs/figures.md). Each ticket's contribution is recomputed from its whole timeline
 * inside the ticket's own transaction (after the SLA engine, whose breach events it reads) and the
 * difference applied to the roll-up; `catchUp` does the same for timeline rows written outside ticket
 * actions (SLA breaches fired by the scheduler); `check` recomputes everything from the events.
 */
@Injectable()
export class FiguresRollup implements TicketChangeListener, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  readonly order = 100;
  private readonly log = new Logger(FiguresRollup.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly repo: FiguresRepository,
    private readonly tickets: TicketsService,
    private readonly listeners: TicketChangeListeners,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  /** Processes that run workers also follow the timeline every 30 s (several may: the work is idempotent). */
  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.catchUp()
        .catch((e) => this.log.warn(`catch-up: ${e.message}`))
        .finally(() => (this.running = null));
    }, 30_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async inTransaction(em: EntityManager, change: TicketChange): Promise<void> {
    const t = change.ticket;
    const events = await this.tickets.timelineIn(em, t.id);
    // A ticket just filed has no facts yet: one read fewer inside the filing's transaction.
    const isNew = change.from === null;
    await this.apply(em, computeFacts(subject(t), events), isNew);
  }

  /** Replaces a ticket's stored facts with `next`, moving the difference into the roll-up. */
  private async apply(em: EntityManager, next: TicketFacts | null, isNew = false): Promise<boolean> {
    if (!next) return false;
    const prev = isNew ? null : await this.repo.factsOf(em, next.ticketId);
    if (sameFacts(prev, next)) return false;
    const add = contributionOf(next);
    if (prev && rollupKey(prev) === rollupKey(next)) {
      const sub = contributionOf(prev);
      await this.repo.addToRollup(em, next, { counters: addCounters(add.counters, sub.counters, -1), hist: addHistograms(add.hist, sub.hist, -1) });
    } else {
      // Rows in key order, so two changes never lock them in opposite orders.
      const writes: [TicketFacts, RollupValues][] = [[next, add]];
      if (prev) {
        const sub = contributionOf(prev);
        writes.push([prev, { counters: addCounters(zeroCounters(), sub.counters, -1), hist: addHistograms(emptyHistograms(), sub.hist, -1) }]);
      }
      writes.sort(([a], [b]) => (rollupKey(a) < rollupKey(b) ? -1 : 1));
      for (const [f, v] of writes) await this.repo.addToRollup(em, f, v);
    }
    await this.repo.saveFacts(em, next);
    return true;
  }

  /** Recomputes one ticket under its row lock (the order ticket actions lock in). */
  async refresh(ticketId: string): Promise<boolean> {
    return this.repo.transaction(async (em) => {
      const t = await this.tickets.lockForFollower(em, ticketId);
      if (!t) return false;
      const events = await this.tickets.timelineIn(em, ticketId);
      return this.apply(em, computeFacts(subject(t), events));
    });
  }

  /**
   * Follows timeline rows written outside ticket actions (the scheduler's SLA breaches): recomputes every
   * ticket with events after the watermark (less an overlap) and moves the watermark on. Idempotent.
   */
  async catchUp(batch = 1000): Promise<{ tickets: number; changed: number }> {
    let from = String(Math.max(0, Number(await this.repo.watermark(CATCH_UP)) - CATCH_UP_OVERLAP));
    let tickets = 0;
    let changed = 0;
    for (;;) {
      const { ticketIds, lastEventId } = await this.tickets.changedAfter(from, batch);
      for (const id of ticketIds) {
        tickets += 1;
        if (await this.refresh(id)) changed += 1;
      }
      if (lastEventId === from) break;
      await this.repo.setWatermark(CATCH_UP, lastEventId, this.clock.now());
      from = lastEventId;
    }
    return { tickets, changed };
  }

  /** Recomputes every ticket's facts and the roll-up from the events and reports each difference (`repair` writes the fix). */
  async check(opts: { repair?: boolean } = {}): Promise<CheckReport> {
    const details: string[] = [];
    const recomputed = new Map<string, TicketFacts>();
    let after = '0';
    for (;;) {
      const page = await this.tickets.subjectsPage(after, 500);
      if (page.length === 0) break;
      const timelines = await this.tickets.timelinesOf(page.map((t) => t.id));
      for (const t of page) {
        const f = computeFacts(t, timelines.get(t.id) ?? []);
        if (f) recomputed.set(t.id, f);
      }
      after = page[page.length - 1].id;
    }
    let factDifferences = 0;
    const seen = new Set<string>();
    let afterFacts = '0';
    for (;;) {
      const page = await this.repo.factsPage(afterFacts, 1000);
      if (page.length === 0) break;
      for (const stored of page) {
        seen.add(stored.ticketId);
        if (!sameFacts(stored, recomputed.get(stored.ticketId) ?? null)) {
          factDifferences += 1;
          if (details.length < 20) details.push(`ticket ${stored.ticketId}: stored facts differ from its events`);
        }
      }
      afterFacts = page[page.length - 1].ticketId;
    }
    for (const id of recomputed.keys()) {
      if (seen.has(id)) continue;
      factDifferences += 1;
      if (details.length < 20) details.push(`ticket ${id}: no stored facts`);
    }
    const expected = rollupsFromFacts(recomputed.values());
    const actual = new Map<string, RollupValues>((await this.repo.allRollups()).map((r) => [rollupKey(r), r]));
    const zero = (): RollupValues => ({ counters: zeroCounters(), hist: emptyHistograms() });
    let rollupDifferences = 0;
    for (const key of new Set([...expected.rollups.keys(), ...actual.keys()])) {
      const e = expected.rollups.get(key) ?? zero();
      const a = actual.get(key) ?? zero();
      const off = COUNTERS.filter((c) => e.counters[c] !== a.counters[c]);
      const histOff = !sameHistograms(e.hist, a.hist);
      if (off.length === 0 && !histOff) continue;
      rollupDifferences += 1;
      if (details.length < 20) details.push(`roll-up ${key}: ${[...off.map((c) => `${c} ${a.counters[c]}≠${e.counters[c]}`), ...(histOff ? ['duration histograms'] : [])].join(', ')}`);
    }
    const backlog = await this.repo.allBacklog();
    let backlogDifferences = 0;
    for (const key of new Set([...expected.backlog.keys(), ...backlog.keys()])) {
      const e = expected.backlog.get(key) ?? 0;
      const a = backlog.get(key) ?? 0;
      if (e === a) continue;
      backlogDifferences += 1;
      if (details.length < 20) details.push(`backlog ${key}: ${a}≠${e}`);
    }
    if (opts.repair && (factDifferences || rollupDifferences || backlogDifferences)) {
      for (const id of recomputed.keys()) await this.refresh(id);
    }
    return { tickets: recomputed.size, factDifferences, rollupDifferences, backlogDifferences, details };
  }
}
