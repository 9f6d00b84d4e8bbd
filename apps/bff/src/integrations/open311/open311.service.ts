import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACTION_LABEL, TicketAction as A, TicketSource, TicketStatus as S } from '@msb/shared-types';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Clock } from '../../common/clock';
import { OrgService } from '../../org/org.service';
import { TicketChangeListeners, type TicketChange } from '../../tickets/ticket-change';
import type { TicketRow } from '../../tickets/ticket-row';
import { TicketsService } from '../../tickets/tickets.service';
import { Open311ClientsRepository } from './open311-clients.repository';
import { Open311Keys } from './open311-keys';
import { Open311Records } from './open311-records';
import { DAY_MS, DESCRIPTION_MAX, fromDomain, list, MAX_ROWS, param, positiveInt, UPDATES_DEFAULT_MS, WINDOW_DAYS, windowOf, type Params } from './open311-params';
import { datetime, Open311Error, parseDatetime, type Record311 } from './open311-format';
import { basicStatus, extendedStatus, PUBLIC_UPDATE_ACTIONS } from './open311-status';

export type { Params } from './open311-params';

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
    private readonly keys: Open311Keys,
    private readonly records: Open311Records,
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
    const client = await this.keys.client(p);
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
      const { from, to } = windowOf(p, this.clock.now(), WINDOW_DAYS * DAY_MS);
      const status = list(p, 'status');
      if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'status must be open, closed or both');
      const wanted = status && status.length === 1 ? Object.values(S).filter((s) => basicStatus(s) === status[0]) : undefined;
      rows = await this.tickets.listBySource({
        source: TicketSource.OPEN311, categoryCodes: list(p, 'service_code'), statuses: wanted, from, to, limit: pageSize, offset: (page - 1) * pageSize,
      });
    }
    return this.records.of(rows, param(p, 'extensions') === 'true');
  }

  async getRequest(number: string, p: Params): Promise<Record311[]> {
    const [t] = await this.tickets.listBySource({ source: TicketSource.OPEN311, numbers: [number], limit: 1, offset: 0 });
    if (!t) throw new Open311Error(404, `service_request_id ${number} not found`);
    return this.records.of([t], param(p, 'extensions') === 'true');
  }

  // ---- updates -------------------------------------------------------------------------------

  async listUpdates(p: Params): Promise<Record311[]> {
    const { from, to } = windowOf(p, this.clock.now(), UPDATES_DEFAULT_MS);
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
    const client = await this.keys.client(p);
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


}
