import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope } from './hotline-contract';

export type OrderState = 'TRIAGE' | 'OPEN' | 'ARCHIVED';
export type EventState = 'PENDING' | 'APPLIED' | 'IGNORED' | 'REJECTED';

export interface HotlineOrder {
  orderNo: string;
  ticketId: string | null;
  state: OrderState;
  lastSeq: number;
  outSeq: number;
  confidential: boolean;
  callerName: string;
  callerPhone: string;
  hotlineCategory: string;
  street: string;
  address: string;
  signBy: Date | null;
  contactBy: Date | null;
  resolveBy: Date | null;
  redoCount: number;
  dispatch: Record<string, unknown>;
}

export interface StoredEvent {
  eventId: string;
  orderNo: string;
  seq: number;
  type: string;
  data: Record<string, unknown>;
  state: EventState;
}

export interface OutboxRow {
  id: string;
  eventId: string;
  orderNo: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: Date;
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

function mapOrder(r: any): HotlineOrder {
  return {
    orderNo: r.order_no, ticketId: r.ticket_id === null ? null : String(r.ticket_id), state: r.state, lastSeq: r.last_seq, outSeq: r.out_seq,
    confidential: Boolean(r.confidential), callerName: r.caller_name, callerPhone: r.caller_phone, hotlineCategory: r.hotline_category,
    street: r.street, address: r.address, signBy: r.sign_by, contactBy: r.contact_by, resolveBy: r.resolve_by, redoCount: r.redo_count,
    dispatch: json(r.dispatch),
  };
}

/** hotline_account, hotline_orders, hotline_events, hotline_outbox: this feature's own tables. */
@Injectable()
export class HotlineRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Outbox rows still to send and rows given up on, for the metrics. */
  async outboxBacklog(): Promise<{ pending: number; failed: number }> {
    const [r] = await this.ds.query("SELECT SUM(state = 'PENDING') AS pending, SUM(state = 'FAILED') AS failed FROM hotline_outbox");
    return { pending: Number(r?.pending ?? 0), failed: Number(r?.failed ?? 0) };
  }

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async accountUserId(): Promise<string | null> {
    const [r] = await this.ds.query('SELECT user_id FROM hotline_account WHERE id = 1');
    return r ? String(r.user_id) : null;
  }

  /** Keeps the first account when two processes create one at once; returns the one kept. */
  async setAccount(userId: string): Promise<string> {
    await this.ds.query('INSERT IGNORE INTO hotline_account (id, user_id) VALUES (1, ?)', [userId]);
    return (await this.accountUserId())!;
  }

  /** Stores a received event once (by eventId); false when it was there already. */
  async insertEvent(e: Envelope, occurredAt: Date, at: Date): Promise<boolean> {
    const res = await this.ds.query(
      `INSERT IGNORE INTO hotline_events (event_id, order_no, seq, type, occurred_at, data, state, received_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?)`,
      [e.eventId, e.orderNo, e.seq, e.type, occurredAt, JSON.stringify(e.data ?? {}), at],
    );
    return res.affectedRows === 1;
  }

  async order(orderNo: string, em: EntityManager = this.ds.manager): Promise<HotlineOrder | null> {
    const [r] = await em.query('SELECT * FROM hotline_orders WHERE order_no = ?', [orderNo]);
    return r ? mapOrder(r) : null;
  }

  async orderOfTicket(ticketId: string, em: EntityManager = this.ds.manager, lock = false): Promise<HotlineOrder | null> {
    const [r] = await em.query(`SELECT * FROM hotline_orders WHERE ticket_id = ?${lock ? ' FOR UPDATE' : ''}`, [ticketId]);
    return r ? mapOrder(r) : null;
  }

  /** Orders of tickets, each with when the caller was last recorded as contacted (its latest order.contacted in the outbox). */
  async ordersOfTickets(ticketIds: readonly string[]): Promise<(HotlineOrder & { contactedAt: Date | null })[]> {
    if (ticketIds.length === 0) return [];
    const rows = await this.ds.query(
      `SELECT o.*, (SELECT MAX(x.created_at) FROM hotline_outbox x WHERE x.order_no = o.order_no AND x.type = 'order.contacted') AS contacted_at
       FROM hotline_orders o WHERE o.ticket_id IN (?)`,
      [ticketIds],
    );
    return rows.map((r: any) => ({ ...mapOrder(r), contactedAt: r.contacted_at ?? null }));
  }

  async triage(streets: readonly string[] | 'ALL'): Promise<HotlineOrder[]> {
    if (streets !== 'ALL' && streets.length === 0) return [];
    const rows = streets === 'ALL'
      ? await this.ds.query("SELECT * FROM hotline_orders WHERE state = 'TRIAGE' ORDER BY created_at")
      : await this.ds.query("SELECT * FROM hotline_orders WHERE state = 'TRIAGE' AND street IN (?) ORDER BY created_at", [streets]);
    return rows.map(mapOrder);
  }

  async insertOrder(o: Omit<HotlineOrder, 'ticketId' | 'outSeq'>, at: Date): Promise<boolean> {
    const res = await this.ds.query(
      `INSERT IGNORE INTO hotline_orders (order_no, ticket_id, state, last_seq, confidential, caller_name, caller_phone, hotline_category, street, address,
         sign_by, contact_by, resolve_by, redo_count, dispatch, created_at, updated_at) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [o.orderNo, o.state, o.lastSeq, o.confidential, o.callerName.slice(0, 64), o.callerPhone.slice(0, 20), o.hotlineCategory.slice(0, 64), o.street.slice(0, 64),
        o.address.slice(0, 255), o.signBy, o.contactBy, o.resolveBy, o.redoCount, JSON.stringify(o.dispatch), at, at],
    );
    return res.affectedRows === 1;
  }

  /** The next event of an order to apply (seq = last applied + 1), if it arrived. */
  async nextEvent(orderNo: string, seq: number): Promise<StoredEvent | null> {
    const [r] = await this.ds.query("SELECT * FROM hotline_events WHERE order_no = ? AND seq = ? AND state = 'PENDING' ORDER BY received_at LIMIT 1", [orderNo, seq]);
    return r ? { eventId: r.event_id, orderNo: r.order_no, seq: r.seq, type: r.type, data: json(r.data), state: r.state } : null;
  }

  /** Events at or below the last applied seq that are still pending: repeats under another id, or too late. */
  async ignoreStale(orderNo: string, lastSeq: number, at: Date): Promise<void> {
    await this.ds.query("UPDATE hotline_events SET state = 'IGNORED', note = 'seq already applied', applied_at = ? WHERE order_no = ? AND seq <= ? AND state = 'PENDING'", [at, orderNo, lastSeq]);
  }

  /**
   * Marks an event done and moves the order's seq on, as compare-and-set on the seq (inside the ticket's
   * transaction when the event changed the ticket): false when another worker applied it first.
   */
  async advance(em: EntityManager, e: { eventId: string; orderNo: string; seq: number }, state: EventState, note: string | null, at: Date, changes: Partial<Pick<HotlineOrder, 'ticketId' | 'state' | 'redoCount' | 'resolveBy'>> = {}): Promise<boolean> {
    const sets = ['last_seq = ?', 'updated_at = ?'];
    const params: unknown[] = [e.seq, at];
    if (changes.ticketId !== undefined) { sets.push('ticket_id = ?'); params.push(changes.ticketId); }
    if (changes.state !== undefined) { sets.push('state = ?'); params.push(changes.state); }
    if (changes.redoCount !== undefined) { sets.push('redo_count = ?'); params.push(changes.redoCount); }
    if (changes.resolveBy !== undefined) { sets.push('resolve_by = ?'); params.push(changes.resolveBy); }
    params.push(e.orderNo, e.seq - 1);
    const res = await em.query(`UPDATE hotline_orders SET ${sets.join(', ')} WHERE order_no = ? AND last_seq = ?`, params);
    if (res.affectedRows !== 1) return false;
    await em.query('UPDATE hotline_events SET state = ?, note = ?, applied_at = ? WHERE event_id = ?', [state, note?.slice(0, 255) ?? null, at, e.eventId]);
    return true;
  }

  /** Deadlines a redispatch brings (the ones it leaves out stay). */
  async setDeadlines(orderNo: string, signBy: Date | null, contactBy: Date | null, resolveBy: Date | null): Promise<void> {
    await this.ds.query(
      'UPDATE hotline_orders SET sign_by = COALESCE(?, sign_by), contact_by = COALESCE(?, contact_by), resolve_by = COALESCE(?, resolve_by) WHERE order_no = ?',
      [signBy, contactBy, resolveBy, orderNo],
    );
  }

  /** A triaged order got its complex and ticket. */
  async attachTicket(em: EntityManager, orderNo: string, ticketId: string, at: Date): Promise<boolean> {
    const res = await em.query("UPDATE hotline_orders SET ticket_id = ?, state = 'OPEN', updated_at = ? WHERE order_no = ? AND state = 'TRIAGE'", [ticketId, at, orderNo]);
    return res.affectedRows === 1;
  }

  async eventStates(orderNo: string): Promise<{ eventId: string; seq: number; state: EventState; note: string | null }[]> {
    const rows = await this.ds.query('SELECT event_id, seq, state, note FROM hotline_events WHERE order_no = ? ORDER BY seq, received_at', [orderNo]);
    return rows.map((r: any) => ({ eventId: r.event_id, seq: r.seq, state: r.state, note: r.note }));
  }

  // ---- outbox --------------------------------------------------------------------------------

  /** Inside the ticket's transaction: the order's next outbound seq and the row; once per ticket event. */
  async enqueueOutbound(em: EntityManager, orderNo: string, eventId: string, type: string, payload: Record<string, unknown>, at: Date): Promise<void> {
    await em.query('UPDATE hotline_orders SET out_seq = out_seq + 1 WHERE order_no = ?', [orderNo]);
    const [{ out_seq: seq }] = await em.query('SELECT out_seq FROM hotline_orders WHERE order_no = ?', [orderNo]);
    await em.query(
      "INSERT INTO hotline_outbox (event_id, order_no, seq, type, payload, state, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)",
      [eventId, orderNo, seq, type, JSON.stringify(payload), at, at],
    );
  }

  /** Due rows, oldest first, at most one per order (the first unsent one: an order's events go in seq order). */
  async dueOutbound(now: Date, limit: number): Promise<OutboxRow[]> {
    const rows = await this.ds.query(
      `SELECT o.* FROM hotline_outbox o
       JOIN (SELECT order_no, MIN(seq) AS seq FROM hotline_outbox WHERE state = 'PENDING' GROUP BY order_no) h ON h.order_no = o.order_no AND h.seq = o.seq
       WHERE o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?`,
      [now, limit],
    );
    return rows.map((r: any) => ({ id: String(r.id), eventId: r.event_id, orderNo: r.order_no, seq: r.seq, type: r.type, payload: json(r.payload), attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** Claims a row for one attempt (CAS on attempts), so two senders never post it at once. */
  async claim(id: string, attempts: number, leaseUntil: Date): Promise<boolean> {
    const res = await this.ds.query("UPDATE hotline_outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ? AND attempts = ? AND state = 'PENDING'", [leaseUntil, id, attempts]);
    return res.affectedRows === 1;
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.ds.query("UPDATE hotline_outbox SET state = 'SENT', sent_at = ?, last_error = NULL WHERE id = ?", [at, id]);
  }

  async retryLater(id: string, next: Date, error: string, giveUp: boolean): Promise<void> {
    await this.ds.query('UPDATE hotline_outbox SET next_attempt_at = ?, last_error = ?, state = ? WHERE id = ?', [next, error.slice(0, 255), giveUp ? 'FAILED' : 'PENDING', id]);
  }

  async wake(ids: readonly string[], at: Date): Promise<void> {
    await this.ds.query("UPDATE hotline_outbox SET next_attempt_at = ? WHERE id IN (?) AND state = 'PENDING'", [at, ids]);
  }

  async outbox(orderNo?: string): Promise<{ eventId: string; orderNo: string; seq: number; type: string; state: string; attempts: number }[]> {
    const rows = orderNo
      ? await this.ds.query('SELECT event_id, order_no, seq, type, state, attempts FROM hotline_outbox WHERE order_no = ? ORDER BY seq', [orderNo])
      : await this.ds.query('SELECT event_id, order_no, seq, type, state, attempts FROM hotline_outbox ORDER BY id');
    return rows.map((r: any) => ({ eventId: r.event_id, orderNo: r.order_no, seq: r.seq, type: r.type, state: r.state, attempts: r.attempts }));
  }
}
