import { Module } from '@nestjs/common';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { OrgResolver } from './org.resolver';

@Module({ providers: [OrgRepository, OrgService, OrgResolver], exports: [OrgService] })
export class OrgModule {}
