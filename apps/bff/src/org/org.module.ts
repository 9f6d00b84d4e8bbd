import { Module } from '@nestjs/common';
import { OrgRepository } from './org.repository';
import { OrgService } from './org.service';
import { ComplexFieldsResolver, OrgResolver } from './org.resolver';
import { OrgAdminRepository } from './org-admin.repository';
import { OrgAdminService } from './org-admin.service';
import { OrgLoaders } from './org-loaders';
import { OrgCatalogRepository } from './org-catalog.repository';
import { OrgCatalogService } from './org-catalog.service';
import { OrgCacheBus } from './org-cache-bus';

@Module({ providers: [OrgRepository, OrgService, OrgResolver, ComplexFieldsResolver, OrgAdminRepository, OrgAdminService, OrgLoaders, OrgCatalogRepository, OrgCatalogService, OrgCacheBus], exports: [OrgService, OrgAdminService, OrgCatalogService] })
export class OrgModule {}
