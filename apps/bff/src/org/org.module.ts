import { Module } from '@nestjs/common';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { ComplexFieldsResolver, OrgResolver } from './org.resolver';
import { OrgAdminRepository } from './org-admin.repository';
import { OrgAdminService } from './org-admin.service';
import { OrgLoaders } from './org-loaders';

@Module({ providers: [OrgRepository, OrgService, OrgResolver, ComplexFieldsResolver, OrgAdminRepository, OrgAdminService, OrgLoaders], exports: [OrgService, OrgAdminService] })
export class OrgModule {}
