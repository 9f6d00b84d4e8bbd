import type { TicketRow } from './ticket-row';

/**
 * The ticket row as the lists and reads select it: the ticket with its handling unit's kind, the dispatch
 * target's company, and the display names of its complex, reporter, assignee, spot and building (one
 * query per inbox page; the read-only join on org's tables documented in docs/architecture.md).
 */
export const SELECT_ROW = `SELECT t.*, hu.kind AS handling_unit_kind, du.company_id AS dispatch_target_company_id,
    c.name AS d_complex_name, c.address AS d_complex_address, ur.name AS d_reporter_name, ua.name AS d_assignee_name,
    sp.name AS d_spot_name, sp.kind AS d_spot_kind, sp.building_id AS d_spot_building_id, b.name AS d_building_name
  FROM tickets t
  JOIN complexes c ON c.id = t.complex_id
  JOIN users ur ON ur.id = t.reporter_id
  LEFT JOIN users ua ON ua.id = t.assignee_id
  LEFT JOIN spots sp ON sp.id = t.spot_id
  LEFT JOIN buildings b ON b.id = t.building_id
  LEFT JOIN units hu ON hu.id = t.handling_unit_id
  LEFT JOIN units du ON du.id = t.dispatch_target_unit_id`;

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
    display: r.d_complex_name === undefined ? undefined : {
      complexName: r.d_complex_name, complexAddress: r.d_complex_address, reporterName: r.d_reporter_name,
      assigneeId: r.assignee_id === null ? null : String(r.assignee_id), assigneeName: r.d_assignee_name ?? null,
      spotName: r.d_spot_name ?? null, spotKind: r.d_spot_kind ?? null, spotBuildingId: r.d_spot_building_id ?? null,
      buildingName: r.d_building_name ?? null,
    },
  };
}
