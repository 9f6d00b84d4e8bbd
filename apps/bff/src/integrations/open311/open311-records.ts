import { Injectable } from '@nestjs/common';
import { ACTION_LABEL, TicketAction as A } from '@msb/shared-types';
import { OrgService } from '../../org/org.service';
import { SlaService } from '../../sla/sla.service';
import { SlaTarget } from '../../sla/domain/sla-target';
import type { TicketRow } from '../../tickets/ticket-row';
import { TicketsService } from '../../tickets/tickets.service';
import { datetime, type Record311 } from './open311-format';
import { basicStatus, extendedStatus, PUBLIC_UPDATE_ACTIONS } from './open311-status';

/** Tickets as GeoReport service requests: status, the resolve clock's due time, location, and (with extensions) the public timeline. */
@Injectable()
export class Open311Records {
  constructor(private readonly tickets: TicketsService, private readonly org: OrgService, private readonly sla: SlaService) {}

  async of(rows: TicketRow[], extensions: boolean): Promise<Record311[]> {
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
