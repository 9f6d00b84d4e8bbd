import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACTION_LABEL, ErrorCode, TicketAction as A, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { OrgService } from '../../org/org.service';
import { SlaService } from '../../sla/sla.service';
import { SlaTarget } from '../../sla/domain/sla-target';
import { TicketChangeListeners, type TicketChange } from '../../tickets/ticket-change';
import type { TicketRow } from '../../tickets/ticket-row';
import { TicketsService } from '../../tickets/tickets.service';
import { Open311ClientsRepository, type Open311Client } from './open311-clients.repository';
import { datetime, Open311Error, parseDatetime, type Record311 } from './open311-format';
import { basicStatus, extendedStatus, PUBLIC_UPDATE_ACTIONS } from './open311-status';

/** Query or form parameters; an empty value counts as absent. Repeated keys arrive as arrays. */
export type Params = Record<string, string | string[] | undefined>;

export const DESCRIPTION_MAX = 4000;
export const MAX_ROWS = 1000;
const DAY_MS = 24 * 3600_000;
const WINDOW_DAYS = 90;
const UPDATES_DEFAULT_MS = 2 * 3600_000;
const DEFAULT_RATE_PER_MINUTE = 60;

/** First non-empty value of a parameter, trimmed; undefined when absent or empty. */
export function param(p: Params, name: string): string | undefined {
  const raw = p[name];
  const v = (Array.isArray(raw) ? raw.find((x) => x.trim() !== '') : raw)?.trim();
  return v ? v : undefined;
}

function list(p: Params, name: string): string[] | undefined {
  const v = param(p, name);
  if (!v) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

function positiveInt(p: Params, name: string, dflt: number, max: number): number {
  const v = param(p, name);
  if (v === undefined) return dflt;
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1) throw new Open311Error(400, `${name} must be a positive integer`);
  return Math.min(Number(v), max);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A DomainError from the ticket feature, in GeoReport's terms. */
function fromDomain(e: unknown): never {
  if (e instanceof DomainError) {
    const status = e.code === ErrorCode.NOT_FOUND ? 404 : e.code === ErrorCode.FORBIDDEN ? 403 : e.code === ErrorCode.RATE_LIMITED ? 429 : 400;
    throw new Open311Error(status, e.message);
  }
  throw e;
}

/**
 * GeoReport v2 over our tickets: services are categories, requests are tickets filed by an Open311 client
 * (source OPEN311) through the tickets service, updates are their timeline events.
 */
@Injectable()
export class Open311Service implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clients: Open311ClientsRepository,
    private readonly tickets: TicketsService,
    private readonly org: OrgService,
    private readonly sla: SlaService,
    private readonly clock: Clock,
    private readonly listeners: TicketChangeListeners,
  ) {}

  onModuleInit(): void {
    // A client's update id is recorded in the comment's own transaction, so a retry never comments twice.
    this.listeners.register({
      inTransaction: async (em: EntityManager, change: TicketChange) => {
        const ch = change.data?.channel as { open311ClientId?: number; updateId?: string } | undefined;
        if (ch?.open311ClientId && ch.updateId) await this.clients.recordUpdate(em, ch.open311ClientId, ch.updateId, change.eventId);
      },
    });
  }

  // ---- keys ----------------------------------------------------------------------------------

  /** Issues a key for a client (admin CLI): its own reporter account and rate limit. The key is shown once. */
  async issueKey(name: string, ratePerMinute = DEFAULT_RATE_PER_MINUTE): Promise<{ id: number; key: string }> {
    const clean = name.trim();
    if (!clean || clean.length > 48) throw new Error('client name must be 1–48 characters');
    if (!Number.isInteger(ratePerMinute) || ratePerMinute < 1) throw new Error('rate per minute must be a positive integer');
    const key = `o311_${randomBytes(24).toString('hex')}`;
    const userId = await this.org.createChannelAccount(`Open311 · ${clean}`);
    const id = await this.clients.insert({ name: clean, keyHash: sha256(key), keyHint: key.slice(0, 8), userId, ratePerMinute, at: this.clock.now() });
    return { id, key };
  }

  revokeKey(id: number): Promise<boolean> {
    return this.clients.revoke(id, this.clock.now());
  }

  listKeys() {
    return this.clients.list();
  }

  /** The client behind `api_key`, with this call counted against its per-minute limit. */
  private async client(p: Params): Promise<Open311Client> {
    const key = param(p, 'api_key');
    if (!key) throw new Open311Error(403, 'api_key is required');
    const c = await this.clients.byKeyHash(sha256(key));
    if (!c) throw new Open311Error(403, 'api_key is not valid');
    const now = this.clock.now();
    const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const n = await this.clients.hit(c.id, window);
    if (n === 1) void this.clients.prune(new Date(window.getTime() - 3600_000)).catch(() => undefined);
    if (n > c.ratePerMinute) throw new Open311Error(429, `rate limit of ${c.ratePerMinute} requests per minute exceeded`);
    return c;
  }

  /** One jurisdiction per deployment: jurisdiction_id may be left out; another one is unknown here. */
  checkJurisdiction(p: Params): void {
    const j = param(p, 'jurisdiction_id');
    if (j !== undefined && j !== this.config.open311.jurisdictionId) throw new Open311Error(404, `jurisdiction_id ${j} is not served here`);
  }

  // ---- discovery and services ------------------------------------------------------------------

  discovery(): Record311 {
    const url = `${this.config.publicBaseUrl}/open311/v2/`;
    return {
      changeset: '2026-12-01T00:00:00+08:00',
      contact: '码上办 · 12345 热线对接',
      key_service: '由平台管理员为每个客户端签发 api_key',
      endpoints: [{
        specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset: '2026-12-01T00:00:00+08:00', type: 'production',
        formats: ['text/xml', 'application/json'],
      }],
    };
  }

  async services(): Promise<Record311[]> {
    const cats = await this.org.categories();
    const byCode = new Map(cats.map((c) => [c.code, c]));
    return cats.map((c) => ({
      service_code: c.code,
      service_name: c.name,
      description: c.advice ?? c.name,
      metadata: true,
      type: 'realtime',
      keywords: c.emergency ? 'emergency' : '',
      group: c.parentCode ? (byCode.get(c.parentCode)?.name ?? c.name) : c.name,
    }));
  }

  async serviceDefinition(code: string): Promise<Record311> {
    const cat = await this.org.category(code);
    if (!cat) throw new Open311Error(404, `service_code ${code} not found`);
    const { complexes, buildings, spots } = await this.org.places();
    const complexName = new Map(complexes.map((c) => [c.id, c.name]));
    return {
      service_code: cat.code,
      attributes: [
        {
          variable: true, code: 'complex', datatype: 'singlevaluelist', required: true, datatype_description: '选择小区（或以 address_id 给出位置码）',
          order: '1', description: '小区', values: complexes.map((c) => ({ key: String(c.id), name: c.name })),
        },
        {
          variable: true, code: 'building', datatype: 'singlevaluelist', required: false, datatype_description: '选择楼栋',
          order: '2', description: '楼栋', values: buildings.map((b) => ({ key: String(b.id), name: `${complexName.get(b.complexId) ?? ''} ${b.name}`.trim() })),
        },
        {
          variable: true, code: 'spot', datatype: 'singlevaluelist', required: false, datatype_description: '选择具体位置（出入口、电梯等）',
          order: '3', description: '位置', values: spots.map((s) => ({ key: String(s.id), name: `${complexName.get(s.complexId) ?? ''} ${s.name}`.trim() })),
        },
      ],
    };
  }

  // ---- requests ------------------------------------------------------------------------------

  async createRequest(p: Params): Promise<Record311> {
    const client = await this.client(p);
    const code = param(p, 'service_code');
    if (!code) throw new Open311Error(400, 'service_code is required');
    const cat = await this.org.category(code);
    if (!cat) throw new Open311Error(400, `service_code ${code} not found`);
    const description = param(p, 'description') ?? '';
    if (description.length > DESCRIPTION_MAX) throw new Open311Error(400, `description must be at most ${DESCRIPTION_MAX} characters`);
    const lat = param(p, 'lat');
    const long = param(p, 'long');
    const addressString = param(p, 'address_string');
    const addressId = param(p, 'address_id');
    if ((lat === undefined) !== (long === undefined)) throw new Open311Error(400, 'lat and long go together');
    if (lat !== undefined && (!Number.isFinite(Number(lat)) || !Number.isFinite(Number(long)))) throw new Open311Error(400, 'lat and long must be numbers');
    const attr = (c: string) => param(p, `attribute[${c}]`) ?? param(p, `attribute[${c}][]`);
    if (lat === undefined && !addressString && !addressId && !attr('complex') && !attr('spot')) {
      throw new Open311Error(400, 'a location is required: lat and long, address_string, address_id or attribute[complex]');
    }
    const idOf = (field: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      if (!/^\d{1,9}$/.test(v)) throw new Open311Error(400, `${field} is not one of the listed values`);
      return Number(v);
    };
    let spotId = idOf('address_id', addressId) ?? idOf('attribute[spot]', attr('spot'));
    let complexId = idOf('attribute[complex]', attr('complex'));
    const buildingId = idOf('attribute[building]', attr('building'));
    const { complexes } = await this.org.places();
    if (spotId !== undefined) {
      const s = await this.org.spotWithComplex(spotId);
      if (!s) throw new Open311Error(400, `${addressId ? 'address_id' : 'attribute[spot]'} is not one of our places`);
      if (complexId !== undefined && complexId !== s.complex.id) throw new Open311Error(400, 'attribute[spot] is not in attribute[complex]');
      complexId = s.complex.id;
    }
    if (complexId === undefined && addressString) complexId = complexes.find((c) => addressString.includes(c.name))?.id;
    if (complexId === undefined) throw new Open311Error(400, 'attribute[complex] (or address_id) is required: the complex could not be found from the location');
    if (!complexes.some((c) => c.id === complexId)) throw new Open311Error(400, 'attribute[complex] is not one of the listed values');
    const mediaUrl = param(p, 'media_url');
    if (mediaUrl !== undefined && (!/^https?:\/\/\S+$/.test(mediaUrl) || mediaUrl.length > 1000)) throw new Open311Error(400, 'media_url must be an http(s) URL');
    const phone = param(p, 'phone');
    if (phone !== undefined && !/^[0-9+\- ]{5,20}$/.test(phone)) throw new Open311Error(400, 'phone is not a phone number');
    const email = param(p, 'email');
    if (email !== undefined && (email.length > 128 || !/^[^@\s]+@[^@\s]+$/.test(email))) throw new Open311Error(400, 'email is not an e-mail address');
    const name = [param(p, 'last_name'), param(p, 'first_name')].filter(Boolean).join('').slice(0, 64);
    const deviceId = param(p, 'device_id')?.slice(0, 64);
    const accountId = param(p, 'account_id')?.slice(0, 64);

    const viewer = await this.org.loadViewer(client.userId);
    if (!viewer) throw new Open311Error(403, 'api_key is not valid');
    const t = await this.tickets.fileFromSource(viewer, {
      source: TicketSource.OPEN311,
      idempotencyKey: `o311-${randomBytes(12).toString('hex')}`,
      complexId, spotId: spotId ?? null, buildingId: buildingId ?? null,
      categoryCode: cat.code,
      text: description || cat.name,
      locationText: addressString ?? '',
      contactName: name,
      contactPhone: phone ?? '',
      data: {
        channel: {
          open311ClientId: client.id, ...(lat !== undefined ? { lat: Number(lat), long: Number(long) } : {}),
          ...(email ? { email } : {}), ...(deviceId ? { deviceId } : {}), ...(accountId ? { accountId } : {}), ...(mediaUrl ? { mediaUrl } : {}),
        },
      },
    }).catch(fromDomain);
    return { service_request_id: t.number, ...(accountId ? { account_id: accountId } : {}) };
  }

  async listRequests(p: Params): Promise<Record311[]> {
    const numbers = list(p, 'service_request_id');
    const pageSize = positiveInt(p, 'page_size', MAX_ROWS, MAX_ROWS);
    const page = positiveInt(p, 'page', 1, 1_000_000);
    let rows: TicketRow[];
    if (numbers) {
      rows = await this.tickets.listBySource({ source: TicketSource.OPEN311, numbers: numbers.slice(0, MAX_ROWS), limit: pageSize, offset: (page - 1) * pageSize });
    } else {
      const { from, to } = this.window(p, WINDOW_DAYS * DAY_MS);
      const status = list(p, 'status');
      if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
      const wanted = status && status.length === 1 ? Object.values(S).filter((s) => basicStatus(s) === status[0]) : undefined;
      rows = await this.tickets.listBySource({
        source: TicketSource.OPEN311, categoryCodes: list(p, 'service_code'), statuses: wanted, from, to, limit: pageSize, offset: (page - 1) * pageSize,
      });
    }
    return this.records(rows, param(p, 'extensions') === 'true');
  }

  async getRequest(number: string, p: Params): Promise<Record311[]> {
    const [t] = await this.tickets.listBySource({ source: TicketSource.OPEN311, numbers: [number], limit: 1, offset: 0 });
    if (!t) throw new Open311Error(404, `service_request_id ${number} not found`);
    return this.records([t], param(p, 'extensions') === 'true');
  }

  // ---- updates -------------------------------------------------------------------------------

  async listUpdates(p: Params): Promise<Record311[]> {
    const { from, to } = this.window(p, UPDATES_DEFAULT_MS);
    const events = await this.tickets.eventsBySource(TicketSource.OPEN311, PUBLIC_UPDATE_ACTIONS, from, to, MAX_ROWS);
    return events.map((e) => ({
      update_id: e.id,
      service_request_id: e.ticketNumber,
      status: extendedStatus(e.toStatus, e.action, e.data),
      updated_datetime: datetime(e.createdAt),
      description: e.note ?? ACTION_LABEL[e.action as A] ?? e.action,
    }));
  }

  /** The reporter (the client that filed it) adds an update: a comment on the timeline, once per client update id. */
  async postUpdate(p: Params): Promise<Record311> {
    const client = await this.client(p);
    const number = param(p, 'service_request_id');
    if (!number) throw new Open311Error(400, 'service_request_id is required');
    const updateId = param(p, 'update_id');
    if (!updateId) throw new Open311Error(400, 'update_id is required');
    if (updateId.length > 64) throw new Open311Error(400, 'update_id must be at most 64 characters');
    const status = param(p, 'status');
    if (!status) throw new Open311Error(400, 'status is required');
    if (!/^[A-Z_]{2,40}$/.test(status)) throw new Open311Error(400, 'status must be upper case, e.g. OPEN or CLOSED');
    const when = param(p, 'updated_datetime');
    if (!when) throw new Open311Error(400, 'updated_datetime is required');
    parseDatetime('updated_datetime', when);
    const description = param(p, 'description');
    if (!description) throw new Open311Error(400, 'description is required');
    if (description.length > 500) throw new Open311Error(400, 'description must be at most 500 characters');

    const done = await this.clients.updateEvent(client.id, updateId);
    if (done) return { update_id: done };
    const [t] = await this.tickets.listBySource({ source: TicketSource.OPEN311, reporterId: client.userId, numbers: [number], limit: 1, offset: 0 });
    if (!t) throw new Open311Error(404, `service_request_id ${number} not found`);
    const viewer = await this.org.loadViewer(client.userId);
    if (!viewer) throw new Open311Error(403, 'api_key is not valid');
    try {
      await this.tickets.act(viewer, A.COMMENT, { ticketId: t.id, note: description, channel: { open311ClientId: client.id, updateId, status } });
    } catch (e) {
      const again = await this.clients.updateEvent(client.id, updateId);
      if (again) return { update_id: again };
      fromDomain(e);
    }
    const eventId = await this.clients.updateEvent(client.id, updateId);
    return { update_id: eventId! };
  }

  // ---- internals -----------------------------------------------------------------------------

  /** [start_date, end_date] at most 90 days apart; missing ends default to `dflt` before the other end (or now). */
  private window(p: Params, dflt: number): { from: Date; to: Date } {
    const s = param(p, 'start_date');
    const e = param(p, 'end_date');
    const start = s ? parseDatetime('start_date', s) : undefined;
    const end = e ? parseDatetime('end_date', e) : undefined;
    const to = end ?? (start ? new Date(Math.min(start.getTime() + WINDOW_DAYS * DAY_MS, Math.max(this.clock.now().getTime(), start.getTime()))) : this.clock.now());
    const from = start ?? new Date(to.getTime() - dflt);
    if (from > to) throw new Open311Error(400, 'start_date must be before end_date');
    if (to.getTime() - from.getTime() > WINDOW_DAYS * DAY_MS) throw new Open311Error(400, 'start_date and end_date may be at most 90 days apart');
    return { from, to };
  }

  private async records(rows: TicketRow[], extensions: boolean): Promise<Record311[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((t) => t.id);
    const [clocks, events, cats] = await Promise.all([this.sla.viewsOf(ids), this.tickets.eventsOf(ids), this.org.categories()]);
    const catName = new Map(cats.map((c) => [c.code, c.name]));
    const byTicket = new Map<string, typeof events>();
    for (const e of events) (byTicket.get(e.ticketId) ?? byTicket.set(e.ticketId, []).get(e.ticketId)!).push(e);
    return rows.map((t) => {
      const timeline = byTicket.get(t.id) ?? [];
      const filed = timeline.find((e) => e.action === A.REPORT);
      const channel = (filed?.data as { channel?: { mediaUrl?: string; lat?: number; long?: number } } | null)?.channel;
      const updates = timeline.filter((e) => PUBLIC_UPDATE_ACTIONS.includes(e.action));
      const last = updates[updates.length - 1];
      const resolve = clocks.get(t.id)?.find((c) => c.target === SlaTarget.RESOLVE && !c.stopped && c.dueAt);
      const d = t.display;
      const address = [d?.complexName, d?.buildingName, d?.spotName, t.locationText].filter((x) => x).join(' ');
      const r: Record311 = {
        service_request_id: t.number,
        status: basicStatus(t.status),
        status_notes: last?.note ?? undefined,
        service_name: catName.get(t.categoryCode) ?? t.categoryCode,
        service_code: t.categoryCode,
        description: t.text,
        requested_datetime: datetime(t.createdAt),
        updated_datetime: datetime(t.updatedAt),
        expected_datetime: resolve?.dueAt ? datetime(resolve.dueAt) : undefined,
        address: address || undefined,
        address_id: t.spotId === null ? undefined : String(t.spotId),
        lat: channel?.lat === undefined ? undefined : String(channel.lat),
        long: channel?.long === undefined ? undefined : String(channel.long),
        media_url: channel?.mediaUrl,
      };
      if (extensions) {
        r.attributes = {
          complex: String(t.complexId),
          ...(t.buildingId !== null ? { building: String(t.buildingId) } : {}),
          ...(t.spotId !== null ? { spot: String(t.spotId) } : {}),
        };
        r.extended_attributes = { channel: t.source, status: extendedStatus(t.status, last?.action ?? A.REPORT, last?.data ?? null) };
        r.notes = updates.map((e) => ({
          update_id: e.id, status: extendedStatus(e.toStatus, e.action, e.data), updated_datetime: datetime(e.createdAt),
          description: e.note ?? ACTION_LABEL[e.action as A] ?? e.action,
        }));
      }
      return r;
    });
  }
}
