import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module';
import { QrModule } from '../qr/qr.module';
import { AdminCore } from './admin-core.service';
import { AdminEventsRepository } from './admin-events.repository';
import { AccountCodesRepository } from './account-codes.repository';
import { AdminPeopleService } from './admin-people.service';
import { AdminPlacesService } from './admin-places.service';
import { AdminDirectoryService } from './admin-directory.service';
import { AdminResolver } from './admin.resolver';
import { AuthModule } from '../auth/auth.module';
import { PostersService } from './posters/posters.service';
import { PostersController } from './posters/posters.controller';
import { ImportService } from './import/import.service';
import { ImportBatchesRepository } from './import/import-batches.repository';
import { ImportController } from './import/import.controller';
import { ImportResolver } from './import/import.resolver';
import { AdminCatalogService } from './admin-catalog.service';
import { CatalogResolver } from './catalog.resolver';
import { ReplyTemplatesRepository } from './templates/reply-templates.repository';
import { ReplyTemplatesService } from './templates/reply-templates.service';
import { ReplyTemplatesResolver } from './templates/reply-templates.resolver';

/** Administration: places, people, posters, import, and the append-only audit trail (admin_events) it owns. */
@Module({
  imports: [OrgModule, QrModule, AuthModule],
  controllers: [PostersController, ImportController],
  providers: [AdminCore, AdminEventsRepository, AccountCodesRepository, AdminPeopleService, AdminPlacesService, AdminDirectoryService, AdminResolver, PostersService, ImportService, ImportBatchesRepository, ImportResolver, AdminCatalogService, CatalogResolver, ReplyTemplatesRepository, ReplyTemplatesService, ReplyTemplatesResolver],
  exports: [AdminPeopleService, AdminPlacesService, AdminDirectoryService, PostersService],
})
export class AdminModule {}
