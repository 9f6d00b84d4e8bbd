import { InitialSchema1764201600000 } from './1764201600000-initial-schema';
import { Categories1764201600001 } from './1764201600001-categories';
import { SlaEngine1764300000000 } from './1764300000000-sla-engine';
import { Notifications1764300000500 } from './1764300000500-notifications';
import { SlaDueIndex1764300001000 } from './1764300001000-sla-due-index';
import { Figures1764600000000 } from './1764600000000-figures';
import { Open311_1764800000000 } from './1764800000000-open311';
import { Hotline1764800001000 } from './1764800001000-hotline';
import { Admin1765400000000 } from './1765400000000-admin';
import { AuthAttempts1764500000000 } from './1764500000000-auth-attempts';
import { UploadQuota1765200000000 } from './1765200000000-upload-quota';
import { FigureExtensions1765300000000 } from './1765300000000-figure-extensions';
import { EventAppliedAt1765100000000 } from './1765100000000-event-applied-at';
import { FigureExports1765300001000 } from './1765300001000-figure-exports';
import { TicketFollowers1765720000000 } from './1765720000000-ticket-followers';
import { Catalog1765740000000 } from './1765740000000-catalog';
import { ReplyTemplates1765740001000 } from './1765740001000-reply-templates';
import { RoomBindings1765740002000 } from './1765740002000-room-bindings';
import { TicketRoom1765740003000 } from './1765740003000-ticket-room';
import { TicketShares1765750000000 } from './1765750000000-ticket-shares';
import { FigureHistograms1765730000000 } from './1765730000000-figure-histograms';
import { CaseHandling1765710000000 } from './1765710000000-case-handling';

/** Every migration, in order. New ones are appended here as class references. */
export const MIGRATIONS = [InitialSchema1764201600000, Categories1764201600001, SlaEngine1764300000000, Notifications1764300000500, SlaDueIndex1764300001000, AuthAttempts1764500000000, Figures1764600000000, Open311_1764800000000, Hotline1764800001000, EventAppliedAt1765100000000, UploadQuota1765200000000, FigureExtensions1765300000000, FigureExports1765300001000, Admin1765400000000, CaseHandling1765710000000, TicketFollowers1765720000000, FigureHistograms1765730000000, Catalog1765740000000, ReplyTemplates1765740001000, RoomBindings1765740002000, TicketRoom1765740003000, TicketShares1765750000000];
