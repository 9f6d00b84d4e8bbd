/** Roles a user can hold; each assignment carries its own scope (see bff org/). */
export enum Role {
  OWNER = 'OWNER',
  STAFF = 'STAFF',
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  DEPT_HANDLER = 'DEPT_HANDLER',
  MEDIATOR = 'MEDIATOR',
  OVERSIGHT = 'OVERSIGHT',
  /** City / housing-bureau administrator: every place and account. */
  ADMIN = 'ADMIN',
  /** A property company's administrator (assignment.companyId): its complexes, their buildings and gates, its staff. */
  COMPANY_ADMIN = 'COMPANY_ADMIN',
  /** A street or community office's administrator (assignment.areaId): the places under that area, its mediators. */
  AREA_ADMIN = 'AREA_ADMIN',
  /** Head of an outside department (assignment.unitId): decides its handlers' extension requests. */
  DEPT_HEAD = 'DEPT_HEAD',
}

export enum TicketStatus {
  REPORTED = 'REPORTED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DISPATCHED = 'DISPATCHED',
  RESOLVED = 'RESOLVED',
  MEDIATING = 'MEDIATING',
  CLOSED = 'CLOSED',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
  /** Closed as a duplicate: merged into another ticket of the same complex, whose progress its owner follows. */
  MERGED = 'MERGED',
  /** 待补充: the handler asked the owner a question and waits for the answer (its clock paused). */
  AWAITING_OWNER = 'AWAITING_OWNER',
}

/** Actions on a ticket. Each one's mutation, names and effect are in TICKET_ACTIONS (ticket-lifecycle.ts). */
export enum TicketAction {
  REPORT = 'REPORT',
  ACCEPT = 'ACCEPT',
  REFUSE = 'REFUSE',
  ASSIGN = 'ASSIGN',
  START = 'START',
  ADD_PROGRESS = 'ADD_PROGRESS',
  DISPATCH = 'DISPATCH',
  ACCEPT_DISPATCH = 'ACCEPT_DISPATCH',
  RETURN_DISPATCH = 'RETURN_DISPATCH',
  RESOLVE = 'RESOLVE',
  RATE = 'RATE',
  REOPEN = 'REOPEN',
  REQUEST_MEDIATION = 'REQUEST_MEDIATION',
  RECORD_MEDIATION = 'RECORD_MEDIATION',
  WITHDRAW = 'WITHDRAW',
  COMMENT = 'COMMENT',
  /** System: the owner never rated within the rating window. */
  AUTO_CLOSE = 'AUTO_CLOSE',
  /** 12345 orders only: the handler contacted the caller (sent back as order.contacted). */
  HOTLINE_RECORD_CONTACT = 'HOTLINE_RECORD_CONTACT',
  /** 12345 orders only: ask the hotline to take the order back, with the legal or remit basis (order.return.requested). */
  HOTLINE_REQUEST_RETURN = 'HOTLINE_REQUEST_RETURN',
  /** 12345 orders only: ask the hotline for a later resolve-by (order.extension.requested; nothing changes until it decides). */
  HOTLINE_REQUEST_EXTENSION = 'HOTLINE_REQUEST_EXTENSION',
  /** 督办: oversight urges the handling side, with a note and optionally a new deadline; changes no state. */
  SUPERVISE = 'SUPERVISE',
  /** "Me too": another owner of the complex joins an open report instead of filing again; they follow its progress. */
  SUPPORT = 'SUPPORT',
  /** Staff close a duplicate by merging it into another open ticket of the same complex; its owner follows that one. */
  MERGE = 'MERGE',
  /** Undo a wrong merge: the ticket is on its own again, back at the front desk. */
  UNMERGE = 'UNMERGE',
  /** Staff or manager change the category and/or priority, with a reason; the clocks follow the new pair's policy. */
  RECLASSIFY = 'RECLASSIFY',
  /** 待补充: the handler asks the owner a question; the ticket waits for the owner (AWAITING_OWNER). */
  REQUEST_INFO = 'REQUEST_INFO',
  /** The owner answers the question (text and photos); the ticket is back in handling. */
  SUPPLY_INFO = 'SUPPLY_INFO',
  /** System: the owner never answered within the policy's window (OWNER_INFO): closed, with a notice. */
  CLOSE_UNANSWERED = 'CLOSE_UNANSWERED',
  /** 延期申请: the handler asks for a later resolve-by, with a reason and the date. */
  REQUEST_EXTENSION = 'REQUEST_EXTENSION',
  /** 延期审批: the project manager (an outside department's head for its handlers) grants or refuses it. */
  DECIDE_EXTENSION = 'DECIDE_EXTENSION',
  /** 催办 by the owner: at most once per URGE_INTERVAL_HOURS per ticket; changes no state. */
  URGE = 'URGE',
}

/** Where a ticket came from: an owner's QR scan, an Open311 client, or a 12345 hotline work order. */
export enum TicketSource {
  QR = 'QR',
  OPEN311 = 'OPEN311',
  HOTLINE_12345 = 'HOTLINE_12345',
}

export enum Priority {
  EMERGENCY = 'EMERGENCY',
  HIGH = 'HIGH',
  NORMAL = 'NORMAL',
  LOW = 'LOW',
}

export enum RefuseReason {
  NOT_OUR_REMIT = 'NOT_OUR_REMIT',
  DUPLICATE = 'DUPLICATE',
  OTHER = 'OTHER',
}

export enum MediationOutcome {
  AGREEMENT = 'AGREEMENT',
  BACK_TO_HANDLING = 'BACK_TO_HANDLING',
}

export enum UnitKind {
  /** A team inside a property company (工程部, 保洁部 …). */
  PROPERTY_TEAM = 'PROPERTY_TEAM',
  /** An outside department (城管, 市场监管, utilities, 街道 …). */
  DEPARTMENT = 'DEPARTMENT',
}

export enum AreaLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
}

/** What an administrator edits: an area (district/street/community), a property company, a complex, a building, a gate or spot. */
export enum PlaceKind {
  AREA = 'AREA',
  COMPANY = 'COMPANY',
  COMPLEX = 'COMPLEX',
  BUILDING = 'BUILDING',
  SPOT = 'SPOT',
}

/** A figures export job (figure_exports.status): QUEUED → RUNNING → DONE | FAILED; a DONE file becomes EXPIRED after its TTL. */
export enum ExportStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}

/** What a CSV export holds (an XLSX holds both, one sheet each, with the breakdowns). */
export enum ExportContent {
  FIGURES = 'FIGURES',
  TICKETS = 'TICKETS',
}
