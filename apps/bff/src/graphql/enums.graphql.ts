import { registerEnumType } from '@nestjs/graphql';
import { ErrorCode, MediationOutcome, Priority, RefuseReason, Role, TicketAction, TicketStatus, UnitKind } from '@msb/shared-types';

registerEnumType(Role, { name: 'Role' });
registerEnumType(TicketStatus, { name: 'TicketStatus' });
registerEnumType(TicketAction, { name: 'TicketAction' });
registerEnumType(Priority, { name: 'Priority' });
registerEnumType(RefuseReason, { name: 'RefuseReason' });
registerEnumType(MediationOutcome, { name: 'MediationOutcome' });
registerEnumType(UnitKind, { name: 'UnitKind' });
registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'Codes carried in errors[].extensions.code' });
