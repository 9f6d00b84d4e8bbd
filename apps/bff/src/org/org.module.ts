import { Module } from '@nestjs/common';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { OrgResolver } from './org.resolver';
import { OrgAdminRepository } from './org-admin.repository';
import { OrgAdminService } from './org-admin.service';

@Module({ providers: [OrgRepository, OrgService, OrgResolver, OrgAdminRepository, OrgAdminService], exports: [OrgService, OrgAdminService] })
export class OrgModule {}
