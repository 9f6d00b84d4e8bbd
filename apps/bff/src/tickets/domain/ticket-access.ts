import {
  Role, TicketAction, TicketStatus, TICKET_LIFECYCLE, UnitKind, type Relation, type TransitionRule,
} from '@msb/shared-types';
import type { Viewer } from '../../org/domain/viewer';

/** What the permission check needs to know about a ticket. */
export interface TicketFacts {
  readonly id: string;
  readonly status: TicketStatus;
  readonly complexId: number;
  readonly communityId: number;
  readonly reporterId: string;
  readonly assigneeId: string | null;
  readonly handlingUnitId: number | null;
  readonly handlingUnitKind: UnitKind | null;
  readonly dispatchTargetUnitId: number | null;
  readonly dispatchTargetCompanyId: number | null;
  readonly companyId: number | null;
  readonly mediationRequestedAt: Date | null;
}

const ROLES = Object.values(Role);

function servesComplex(role: Role, v: Viewer, t: TicketFacts): boolean {
  if (role === Role.STAFF) return v.staffComplexIds.has(t.complexId);
  if (role === Role.PROJECT_MANAGER) return v.managerComplexIds.has(t.complexId);
  return false;
}

const withProperty = (t: TicketFacts) => t.handlingUnitId === null || t.handlingUnitKind === UnitKind.PROPERTY_TEAM;

/** Does `relation` hold between the viewer, acting in `role`, and the ticket? */
export function relationHolds(relation: Relation, role: Role, v: Viewer, t: TicketFacts): boolean {
  if (!v.roles.has(role)) return false;
  switch (relation) {
    case 'REPORTER':
      return role === Role.OWNER && t.reporterId === v.userId;
    case 'ANY_OWNER':
      return role === Role.OWNER;
    case 'SERVES_COMPLEX':
      return servesComplex(role, v, t);
    case 'PROPERTY_HANDLING':
      return servesComplex(role, v, t) && withProperty(t);
    case 'ASSIGNEE':
      return t.assigneeId === v.userId && (withProperty(t) ? servesComplex(role, v, t) || (t.handlingUnitId !== null && v.unitIds.has(t.handlingUnitId)) : false);
    case 'DISPATCH_TARGET':
      if (t.dispatchTargetUnitId === null) return false;
      if (role === Role.PROJECT_MANAGER) return t.dispatchTargetCompanyId !== null && v.managerCompanyIds.has(t.dispatchTargetCompanyId);
      return v.unitIds.has(t.dispatchTargetUnitId);
    case 'HANDLING_UNIT':
      return t.handlingUnitId !== null && v.unitIds.has(t.handlingUnitId);
    case 'UNIT_HEAD':
      return role === Role.DEPT_HEAD && t.handlingUnitId !== null && t.handlingUnitKind === UnitKind.DEPARTMENT && v.headUnitIds.has(t.handlingUnitId);
    case 'UNIT_INVOLVED':
      return (t.handlingUnitId !== null && v.unitIds.has(t.handlingUnitId)) || (t.dispatchTargetUnitId !== null && v.unitIds.has(t.dispatchTargetUnitId));
    case 'COMMUNITY_MEDIATOR':
      return role === Role.MEDIATOR && v.mediatorCommunityIds.has(t.communityId);
    case 'OVERSEES':
      return role === Role.OVERSIGHT && oversees(v, t);
    case 'NEIGHBOUR':
      // The complex is proven by the QR code the owner scanned (the SUPPORT input rule checks it).
      return role === Role.OWNER && t.reporterId !== v.userId;
    case 'SYSTEM':
      return false;
  }
}

/** Oversight over the ticket's area: the city sees every community, a street or district its own. */
function oversees(v: Viewer, t: TicketFacts): boolean {
  const o = v.oversightCommunityIds;
  return v.roles.has(Role.OVERSIGHT) && (o === 'ALL' || o.has(t.communityId));
}

/** May the viewer see this ticket at all? Outsiders get NOT_FOUND, so existence does not leak. */
export function canView(v: Viewer, t: TicketFacts): boolean {
  if (v.roles.has(Role.ADMIN)) return true;
  if (t.reporterId === v.userId) return true;
  if (v.staffComplexIds.has(t.complexId) || v.managerComplexIds.has(t.complexId)) return true;
  if ([Role.DEPT_HANDLER, Role.DEPT_HEAD, Role.STAFF].some((r) => relationHolds('UNIT_INVOLVED', r, v, t))) return true;
  if (t.dispatchTargetCompanyId !== null && v.managerCompanyIds.has(t.dispatchTargetCompanyId)) return true;
  if (v.mediatorCommunityIds.has(t.communityId) && t.mediationRequestedAt !== null) return true;
  return oversees(v, t);
}

/** The role the viewer acts in for this rule, or null when no role of theirs qualifies. */
export function actingRole(rule: TransitionRule, v: Viewer, t: TicketFacts): Role | null {
  for (const role of ROLES) {
    const rel = rule.by[role];
    if (rel && relationHolds(rel, role, v, t)) return role;
  }
  return null;
}

/** Actions the viewer may take now, per the lifecycle table and the time-bound policies. */
export function availableActions(v: Viewer, t: TicketFacts, policy: (a: TicketAction) => boolean = () => true): TicketAction[] {
  return Object.values(TICKET_LIFECYCLE[t.status])
    .filter((rule) => actingRole(rule, v, t) !== null && policy(rule.action))
    .map((rule) => rule.action);
}
