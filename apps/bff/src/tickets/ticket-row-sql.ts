import type { TicketRow } from './ticket-row';

/**
 * The ticket row as the reads select it: `tickets` alone. Display names and the units' kind and company come
 * from org's caches afterwards (`withNames`), so no SQL here touches org's tables.
 */
export const SELECT_ROW = 'SELECT t.* FROM tickets t';

/** Maps a raw snake_case row to the entity shape. */
export function mapRow(r: Record<string, any>): TicketRow {
  return {
    id: String(r.id), number: r.number, complexId: r.complex_id, communityId: r.community_id, companyId: r.company_id,
    spotId: r.spot_id, buildingId: r.building_id, locationText: r.location_text, room: r.room ?? null, categoryCode: r.category_code,
    priority: r.priority, text: r.text, reporterId: String(r.reporter_id), contactName: r.contact_name,
    contactPhone: r.contact_phone, assigneeId: r.assignee_id === null ? null : String(r.assignee_id),
    handlingUnitId: r.handling_unit_id, dispatchTargetUnitId: r.dispatch_target_unit_id, status: r.status,
    version: r.version, idempotencyKey: r.idempotency_key, source: r.source,
    ratingSolved: r.rating_solved === null ? null : Boolean(r.rating_solved), ratingScore: r.rating_score,
    ratedAt: r.rated_at, acceptedAt: r.accepted_at, resolvedAt: r.resolved_at, closedAt: r.closed_at,
    mediationRequestedAt: r.mediation_requested_at, extensionRequestedUntil: r.extension_requested_until ?? null, lastUrgedAt: r.last_urged_at ?? null,
    createdAt: r.created_at, updatedAt: r.updated_at,
    handlingUnitKind: r.handling_unit_kind ?? null, dispatchTargetCompanyId: r.dispatch_target_company_id ?? null,
    urgencyBucket: r.urgency_bucket ?? undefined, urgencySort: r.urgency_sort === undefined ? undefined : String(r.urgency_sort),
    display: undefined,
  };
}
