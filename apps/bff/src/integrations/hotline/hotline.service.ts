import { Inject, Injectable, Logger } from '@nestjs/common';
import { Priority, TicketAction as A, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { conflict, DomainError } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import { TicketsService, type UserAction } from '../../tickets/tickets.service';
import {
  INBOUND_TYPES, mapCategory, parseIso, SATISFACTION_SCORE, shanghaiIso, verify, type DispatchData, type Envelope, type InboundType,
} from './hotline-contract';
import { HotlineRepository, type HotlineOrder, type StoredEvent } from './hotline.repository';
import { IDEMPOTENCY_PREFIX, type HotlineMark } from './hotline-follower';

/** What the webhook answers: 200 `{code:0}` means "stored, do not resend". */
export interface Ack {
  status: number;
  body: { code: number; message: string };
}

const PRIORITY_OF: Record<string, Priority> = { 紧急: Priority.EMERGENCY, 较急: Priority.HIGH };

/**
 * The 12345 hotline link. Intake: a signed push is stored once (by eventId) and acknowledged; events of an
 * order are applied in seq order, each as a ticket change through the tickets service whose transaction
 * also moves the order's seq on (compare-and-set, HotlineFollower), so a repeat or a race never applies
 * twice. The staff side: orders of tickets, the street's triage queue, assigning a complex.
 */
@Injectable()
export class HotlineService {
  private readonly log = new Logger('Hotline');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: HotlineRepository,
    private readonly tickets: TicketsService,
    private readonly org: OrgService,
    private readonly clock: Clock,
  ) {}

  // ---- intake --------------------------------------------------------------------------------

  async receive(headers: { timestamp?: string; signature?: string }, rawBody: string): Promise<Ack> {
    const why = verify(this.config.hotline.inboundSecret, headers.timestamp, headers.signature, rawBody, this.clock.now().getTime());
    if (why) return { status: 401, body: { code: 401, message: why } };
    let e: Envelope;
    try {
      e = JSON.parse(rawBody);
    } catch {
      return { status: 400, body: { code: 400, message: 'body is not JSON' } };
    }
    const bad = checkEnvelope(e);
    if (bad) return { status: 400, body: { code: 400, message: bad } };
    await this.repo.insertEvent(e, parseIso(e.occurredAt)!, this.clock.now());
    try {
      await this.applyOrder(e.orderNo);
    } catch (err) {
      // Stored: the next push of this order (or its retry) applies it. The hotline need not resend.
      this.log.error(`applying order ${e.orderNo} failed: ${(err as Error)?.stack ?? err}`);
    }
    return { status: 200, body: { code: 0, message: 'ok' } };
  }

  /** Applies the order's waiting events in seq order until a gap (or a triage hold). Safe to run concurrently. */
  async applyOrder(orderNo: string): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      let order = await this.repo.order(orderNo);
      if (order) await this.repo.ignoreStale(orderNo, order.lastSeq, this.clock.now());
      const next = await this.repo.nextEvent(orderNo, (order?.lastSeq ?? 0) + 1);
      if (!next) return;
      if (!order) {
        if (next.type !== 'order.dispatched') return; // an order begins with its dispatch
        order = await this.createOrder(next);
      }
      if (order.state === 'TRIAGE' && next.type !== 'order.recalled' && next.seq > 1) return;
      try {
        await this.apply(order, next);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT') continue; // someone else moved it: read again
        if (err instanceof DomainError) {
          // The hotline asked for something the ticket cannot do now (e.g. a callback before it was finished):
          // recorded with the reason, and the order moves on.
          await this.repo.transaction((em) => this.repo.advance(em, next, 'REJECTED', err.message, this.clock.now()));
          continue;
        }
        throw err;
      }
    }
  }

  private async createOrder(e: StoredEvent): Promise<HotlineOrder> {
    const d = e.data as DispatchData;
    const at = this.clock.now();
    await this.repo.insertOrder({
      orderNo: e.orderNo, state: 'OPEN', lastSeq: 0, confidential: d.confidential === true,
      callerName: d.caller?.name ?? '', callerPhone: d.caller?.phone ?? '', hotlineCategory: d.category?.code ?? '',
      street: d.address?.street ?? '', address: [d.address?.district, d.address?.street, d.address?.community, d.address?.complex, d.address?.text].filter(Boolean).join(' '),
      signBy: parseIso(d.deadlines?.signBy), contactBy: parseIso(d.deadlines?.contactBy), resolveBy: parseIso(d.deadlines?.resolveBy),
      redoCount: d.redoCount ?? 0, dispatch: e.data,
    }, at);
    return (await this.repo.order(e.orderNo))!;
  }

  private async apply(order: HotlineOrder, e: StoredEvent): Promise<void> {
    const d = e.data as DispatchData & Record<string, any>;
    const mark: HotlineMark = { hotlineEventId: e.eventId, orderNo: e.orderNo, seq: e.seq, type: e.type };
    const viewer = await this.viewer();
    const note = (prefix: string, text: unknown) => `${prefix}${typeof text === 'string' && text.trim() ? `：${text.trim().slice(0, 400)}` : ''}`;
    const plain = (state: 'APPLIED' | 'IGNORED', why: string | null, changes = {}) =>
      this.repo.transaction(async (em) => {
        if (!(await this.repo.advance(em, e, state, why, this.clock.now(), changes))) throw conflict();
      });

    if (e.type === 'order.dispatched') {
      const complex = await this.matchComplex(d);
      if (!complex) return plain('APPLIED', '待街道分派小区', { state: 'TRIAGE' });
      await this.fileTicket(order, complex, mark);
      return;
    }
    const t = order.ticketId ? await this.tickets.ticketById(order.ticketId) : null;
    if (!t) {
      // Still in triage: only a recall means anything (the order leaves the queue).
      if (e.type === 'order.recalled') return plain('APPLIED', '12345 已撤回', { state: 'ARCHIVED' });
      return plain('IGNORED', 'no ticket yet');
    }
    const act = (action: UserAction, fields: Record<string, unknown>) =>
      this.tickets.act(viewer, action, { ticketId: t.id, version: t.version, ...fields, channel: mark }).then(() => undefined);
    switch (e.type as InboundType) {
      case 'order.redispatched': {
        const redo = (d.redoCount ?? order.redoCount + 1) as number;
        mark.redoCount = redo;
        // New deadlines first, so the clocks this change restarts run to them.
        await this.repo.setDeadlines(order.orderNo, parseIso(d.deadlines?.signBy), parseIso(d.deadlines?.contactBy), parseIso(d.deadlines?.resolveBy));
        const reason = note('12345 重新派单', d.reason);
        if (t.status === S.CLOSED) return act(A.REOPEN, { reason });
        if (t.status === S.RESOLVED) return act(A.RATE, { solved: false, satisfaction: 1, note: reason });
        return act(A.COMMENT, { note: reason });
      }
      case 'order.recalled':
        return act(A.WITHDRAW, { reason: note('12345 撤回工单', d.reason) });
      case 'order.urged':
        return act(A.COMMENT, { note: note(d.level === '督办' ? '12345 督办' : '12345 催办', d.note) });
      case 'order.return.decided':
        if (d.approved === true) return act(A.WITHDRAW, { reason: note('12345 同意退回', d.note) });
        return act(A.COMMENT, { note: note('12345 不同意退回，请继续办理', d.note) });
      case 'order.extension.decided': {
        const until = d.approved === true ? parseIso(d.newDeadline) : null;
        if (until) mark.resolveBy = until.toISOString();
        return act(A.COMMENT, { note: note(d.approved === true ? `12345 同意延期至 ${until ? shanghaiIso(until).slice(0, 16).replace('T', ' ') : ''}` : '12345 不同意延期', d.note) });
      }
      case 'order.callback': {
        const score = SATISFACTION_SCORE[String(d.satisfaction)];
        mark.callback = { contacted: d.contacted === true, solved: d.solved === true, satisfaction: d.satisfaction ?? null };
        const text = note(`12345 回访：${d.contacted === true ? '已联系' : '未联系上'}，${d.solved === true ? '已解决' : '未解决'}${d.satisfaction ? `，${d.satisfaction}` : ''}`, d.note);
        if (t.status === S.RESOLVED && score) return act(A.RATE, { solved: d.solved === true, satisfaction: score, note: text });
        return act(A.COMMENT, { note: text });
      }
      case 'order.archived':
        if (t.status === S.WITHDRAWN) return plain('APPLIED', '12345 已归档', { state: 'ARCHIVED' });
        mark.archive = true;
        return act(A.COMMENT, { note: note('12345 已归档', d.finalStatus) });
      default:
        return plain('IGNORED', `unknown type ${e.type}`);
    }
  }

  private async fileTicket(order: HotlineOrder, complexId: number, mark: HotlineMark | null): Promise<void> {
    const d = order.dispatch as DispatchData;
    const viewer = await this.viewer();
    const text = [d.title, d.content].filter((x) => typeof x === 'string' && x.trim()).join('\n').slice(0, 4000) || '12345 工单';
    const category = mapCategory(this.config.hotline.categoryMap, d.category?.code);
    await this.tickets.fileFromSource(viewer, {
      source: TicketSource.HOTLINE_12345,
      idempotencyKey: `${IDEMPOTENCY_PREFIX}${order.orderNo}`.slice(0, 64),
      complexId,
      categoryCode: (await this.org.category(category)) ? category : 'OTHER',
      priority: d.urgency ? PRIORITY_OF[d.urgency] ?? null : null,
      text,
      locationText: (d.address?.text ?? '').slice(0, 100),
      // 保密: the caller stays in the hotline order only, for the designated contact.
      contactName: order.confidential ? '' : order.callerName,
      contactPhone: order.confidential ? '' : order.callerPhone,
      data: { channel: { ...(mark ?? {}), orderNo: order.orderNo, hotlineCategory: d.category?.code ?? null, requestType: d.requestType ?? null, confidential: order.confidential } },
    });
  }

  /** The exact complex when the order names it; otherwise the order waits in its street's triage queue. */
  private async matchComplex(d: DispatchData): Promise<number | null> {
    const name = d.address?.complex?.trim();
    if (!name) return null;
    const { complexes } = await this.org.places();
    const hits = complexes.filter((c) => c.name === name);
    return hits.length === 1 ? hits[0].id : null;
  }

  /** The hotline's reporter account (created on first use). */
  private async viewer() {
    let userId = await this.repo.accountUserId();
    if (!userId) userId = await this.repo.setAccount(await this.org.createChannelAccount('12345 热线'));
    const v = await this.org.loadViewer(userId);
    if (!v) throw new Error('hotline account missing');
    return v;
  }

  // ---- staff side ----------------------------------------------------------------------------

  /** Hotline orders of tickets (badge, order number, deadlines); the caller only for the designated contact. */
  ordersOf(ticketIds: readonly string[]) {
    return this.repo.ordersOfTickets(ticketIds);
  }

  /** Orders waiting for a complex, for street-level staff (oversight of a street) and admins. */
  async triageQueue(streets: readonly string[] | 'ALL') {
    return this.repo.triage(streets);
  }

  /** Files a triaged order's ticket in the chosen complex; its waiting events then apply. */
  async assignComplex(orderNo: string, complexId: number): Promise<void> {
    const order = await this.repo.order(orderNo);
    if (!order || order.state !== 'TRIAGE') throw conflict('该 12345 工单不在待分派队列');
    if (!(await this.org.complex(complexId))) throw conflict('小区不存在');
    await this.fileTicket(order, complexId, null);
    await this.applyOrder(orderNo);
  }
}

function checkEnvelope(e: Envelope): string | null {
  if (!e || typeof e !== 'object') return 'envelope must be an object';
  if (typeof e.eventId !== 'string' || !/^[\w.:-]{1,64}$/.test(e.eventId)) return 'eventId must be 1–64 characters';
  if (!INBOUND_TYPES.includes(e.type as InboundType)) return `unknown type ${String(e.type)}`;
  if (typeof e.orderNo !== 'string' || !/^[\w-]{1,40}$/.test(e.orderNo)) return 'orderNo must be 1–40 characters';
  if (!Number.isInteger(e.seq) || e.seq < 1) return 'seq must be a positive integer';
  if (!parseIso(e.occurredAt)) return 'occurredAt must be ISO 8601 with an offset';
  if (!e.data || typeof e.data !== 'object') return 'data must be an object';
  return null;
}
