import type { OrgService } from '../org/org.service';
import type { TicketRow } from './ticket-row';

/**
 * Rows read from `tickets` alone get their display names from org's bounded cache and their units' kind and
 * company from org's directory (no join on org's tables; issue 8).
 */
export async function withNames(org: OrgService, rows: TicketRow[]): Promise<TicketRow[]> {
  if (rows.length === 0) return rows;
  const [names, look] = await Promise.all([
    org.displayNames({
      complexIds: rows.map((t) => t.complexId),
      userIds: rows.flatMap((t) => (t.assigneeId ? [t.reporterId, t.assigneeId] : [t.reporterId])),
      spotIds: rows.flatMap((t) => (t.spotId === null ? [] : [t.spotId])),
      buildingIds: rows.flatMap((t) => (t.buildingId === null ? [] : [t.buildingId])),
    }),
    org.lookups(),
  ]);
  return rows.map((t) => {
    const complex = names.complex(t.complexId);
    const reporterName = names.user(t.reporterId);
    const spot = t.spotId === null ? undefined : names.spot(t.spotId);
    const handlingUnitKind = t.handlingUnitId === null ? null : (look.unit(t.handlingUnitId)?.kind ?? null);
    const dispatchTargetCompanyId = t.dispatchTargetUnitId === null ? null : (look.unit(t.dispatchTargetUnitId)?.companyId ?? null);
    const display = complex && reporterName !== undefined ? {
      complexName: complex.name, complexAddress: complex.address, reporterName, assigneeId: t.assigneeId,
      assigneeName: t.assigneeId === null ? null : (names.user(t.assigneeId) ?? null),
      spotName: spot?.name ?? null, spotKind: spot?.kind ?? null, spotBuildingId: spot?.buildingId ?? null,
      buildingName: t.buildingId === null ? null : (names.building(t.buildingId) ?? null),
    } : undefined;
    return { ...t, handlingUnitKind, dispatchTargetCompanyId, display };
  });
}
