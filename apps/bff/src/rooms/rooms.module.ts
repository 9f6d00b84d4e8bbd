import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrgModule } from '../org/org.module';
import { RoomBindingsRepository } from './room-bindings.repository';
import { RoomBindingsResolver } from './room-bindings.resolver';
import { RoomBindingsService } from './room-bindings.service';

/** Owners attached to their homes: room bindings and the codes staff show (room_bindings, room_codes). */
@Module({
  imports: [OrgModule, AuthModule],
  providers: [RoomBindingsRepository, RoomBindingsService, RoomBindingsResolver],
  exports: [RoomBindingsService],
})
export class RoomsModule {}
