import { Module } from '@nestjs/common';
import { OrgModule } from '../../org/org.module';
import { SlaModule } from '../../sla/sla.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { Open311ClientsRepository } from './open311-clients.repository';
import { Open311Controller } from './open311.controller';
import { Open311Service } from './open311.service';
import { Open311Keys } from './open311-keys';
import { Open311Records } from './open311-records';

/** Open311 GeoReport v2 (see open311.service.ts and the README). */
@Module({
  imports: [OrgModule, TicketsModule, SlaModule.forRoot()],
  controllers: [Open311Controller],
  providers: [Open311ClientsRepository, Open311Keys, Open311Records, Open311Service],
  exports: [Open311Service, Open311Keys],
})
export class Open311Module {}
