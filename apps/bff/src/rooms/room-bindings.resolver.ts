import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { CurrentViewer } from '../org/current-viewer';
import type { Viewer } from '../org/domain/viewer';
import { RoomBindingsService } from './room-bindings.service';

export enum RoomBindingStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
  ENDED = 'ENDED',
}
registerEnumType(RoomBindingStatus, { name: 'RoomBindingStatus', description: 'PENDING (waiting for the property), VERIFIED, REJECTED, ENDED (unbound)' });

@ObjectType({ description: 'An owner bound to a room (楼栋-单元-房号) of a complex' })
export class RoomBinding {
  @Field(() => ID) id: number;
  @Field(() => Int) complexId: number;
  @Field() complexName: string;
  @Field(() => Int) buildingId: number;
  @Field() buildingName: string;
  @Field({ description: 'Unit (单元); empty when the building has none' }) unit: string;
  @Field() room: string;
  @Field({ description: '3号楼 2单元 502室' }) label: string;
  @Field(() => RoomBindingStatus) status: RoomBindingStatus;
  @Field(() => String, { nullable: true, description: 'STAFF (confirmed by the property) or CODE (a code staff showed)' }) method: string | null;
  @Field() requestedAt: Date;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was not confirmed' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Staff only' }) ownerName?: string;
  @Field(() => String, { nullable: true, description: 'Staff only' }) ownerPhone?: string | null;
  @Field(() => Int, { nullable: true, description: 'Staff only: other owners already verified for this room' }) othersVerified?: number;
}

@InputType()
export class RoomInput {
  @Field(() => Int) complexId: number;
  @Field(() => Int) buildingId: number;
  @Field(() => String, { nullable: true, description: 'Unit (单元), up to 8 characters; none when the building has no units' }) unit?: string | null;
  @Field({ description: 'Room number, up to 16 letters, digits or CJK (502, B102)' }) room: string;
}

@ObjectType()
export class RoomCode {
  @Field({ description: 'Six digits, shown once to the owner in person' }) code: string;
  @Field() expiresAt: Date;
  @Field() label: string;
}

@Resolver(() => RoomBinding)
export class RoomBindingsResolver {
  constructor(private readonly rooms: RoomBindingsService) {}

  @Query(() => [RoomBinding], { description: 'Owner: my rooms (pending and verified)' })
  myRooms(@CurrentViewer() v: Viewer) {
    return this.rooms.mine(v);
  }

  @Mutation(() => RoomBinding, { description: 'Owner: ask to bind a room; the property confirms it (asking again for the same room answers the same request)' })
  requestRoomBinding(@CurrentViewer() v: Viewer, @Args('input') input: RoomInput) {
    return this.rooms.request(v, input);
  }

  @Mutation(() => RoomBinding, { description: 'Owner: bind at once with the six-digit code the property showed (once, within 10 minutes)' })
  bindRoomWithCode(@CurrentViewer() v: Viewer, @Args('complexId', { type: () => Int }) complexId: number, @Args('code') code: string) {
    return this.rooms.bindWithCode(v, complexId, code);
  }

  @Mutation(() => Boolean, { description: 'Owner: unbind one of my rooms' })
  unbindRoom(@CurrentViewer() v: Viewer, @Args('id', { type: () => ID }) id: string) {
    return this.rooms.unbind(v, toId(id));
  }

  @Query(() => [RoomBinding], { description: 'Staff of the complex: binding requests (default: pending and verified), newest first' })
  roomBindings(@CurrentViewer() v: Viewer, @Args('complexId', { type: () => Int }) complexId: number, @Args('status', { type: () => RoomBindingStatus, nullable: true }) status?: RoomBindingStatus | null) {
    return this.rooms.ofComplex(v, complexId, status ?? null);
  }

  @Mutation(() => RoomBinding, { description: 'Staff of the complex: confirm or reject (with a reason) a pending request' })
  decideRoomBinding(@CurrentViewer() v: Viewer, @Args('id', { type: () => ID }) id: string, @Args('approve') approve: boolean, @Args('reason', { type: () => String, nullable: true }) reason?: string | null) {
    return this.rooms.decide(v, toId(id), approve, reason ?? null);
  }

  @Mutation(() => RoomCode, { description: 'Staff of the complex: a six-digit code that binds the owner standing in front of you to this room' })
  issueRoomCode(@CurrentViewer() v: Viewer, @Args('input') input: RoomInput) {
    return this.rooms.issueCode(v, input);
  }
}

const toId = (id: string) => (/^\d{1,10}$/.test(id) ? Number(id) : 0);
