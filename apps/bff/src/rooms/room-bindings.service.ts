import { Injectable } from '@nestjs/common';
import { Role } from '@msb/shared-types';
import { Clock } from '../common/clock';
import { badInput, conflict, forbidden, notFound } from '../common/domain-error';
import { AuthService } from '../auth/auth.service';
import { OrgService } from '../org/org.service';
import type { Viewer } from '../org/domain/viewer';
import { hashRoomCode, newRoomCode, ROOM_LIMITS, roomLabel, roomName } from './domain/room-rules';
import { RoomBindingsRepository, type BindingRow, type BindingStatus, type RoomKey } from './room-bindings.repository';

export interface RoomInput {
  complexId: number;
  buildingId: number;
  unit?: string | null;
  room: string;
}

export interface BindingView extends BindingRow {
  complexName: string;
  buildingName: string;
  /** 3号楼 2单元 502室 */
  label: string;
  ownerName?: string;
  ownerPhone?: string | null;
  /** For staff deciding: how many other owners hold a verified binding of this room. */
  othersVerified?: number;
}

/**
 * Owners attached to their homes: an owner asks to bind a room of a complex (PENDING until the property
 * confirms), or binds at once with a six-digit code staff show (single use, 10 minutes); unbinds; may hold
 * several rooms. Staff of the complex decide. A ticket filed from a verified binding carries its room.
 */
@Injectable()
export class RoomBindingsService {
  constructor(private readonly repo: RoomBindingsRepository, private readonly org: OrgService, private readonly auth: AuthService, private readonly clock: Clock) {}

  async mine(v: Viewer): Promise<BindingView[]> {
    this.requireOwner(v);
    return this.views(await this.repo.ofUser(v.userId));
  }

  /** A PENDING request (the same room again: the live binding it already has). */
  async request(v: Viewer, input: RoomInput): Promise<BindingView> {
    this.requireOwner(v);
    const k = await this.roomKey(input);
    const id = await this.repo.transaction(async (em) => {
      await this.org.lockUser(em, v.userId); // their live bindings are counted and added one request at a time
      const same = await this.repo.live(em, v.userId, k);
      if (same) return same.id;
      if ((await this.repo.ofUser(v.userId, em)).length >= ROOM_LIMITS.liveBindingsPerOwner) throw badInput(`最多绑定 ${ROOM_LIMITS.liveBindingsPerOwner} 个房屋`, { field: 'room' });
      const made = await this.repo.insert(em, v.userId, k, 'PENDING', null, this.clock.now());
      if (made == null) throw conflict('该房屋的绑定申请已提交');
      return made;
    });
    return (await this.views([(await this.repo.one(null, id))!]))[0];
  }

  /** Binds at once with a code staff showed for that room (each code once; 10 wrong tries an hour per owner). */
  async bindWithCode(v: Viewer, complexId: number, code: string): Promise<BindingView> {
    this.requireOwner(v);
    if (!/^\d{6}$/.test((code ?? '').trim())) throw badInput('请输入 6 位数字验证码', { field: 'code' });
    await this.auth.countCodeTry('room-code', v.userId, ROOM_LIMITS.codeTriesPerOwner);
    const now = this.clock.now();
    const id = await this.repo.transaction(async (em) => {
      const k = await this.repo.takeCode(em, complexId, hashRoomCode(complexId, code), v.userId, now);
      if (!k) throw badInput('验证码无效或已过期，请向物业重新获取', { field: 'code' });
      await this.org.lockUser(em, v.userId); // their live bindings are counted and added one request at a time
      const same = await this.repo.live(em, v.userId, k);
      if (same) {
        if (same.status === 'PENDING') await this.repo.transition(em, same.id, ['PENDING'], 'VERIFIED', { at: now, method: 'CODE' });
        return same.id;
      }
      if ((await this.repo.ofUser(v.userId, em)).length >= ROOM_LIMITS.liveBindingsPerOwner) throw badInput(`最多绑定 ${ROOM_LIMITS.liveBindingsPerOwner} 个房屋`, { field: 'code' });
      const made = await this.repo.insert(em, v.userId, k, 'VERIFIED', 'CODE', now);
      if (made == null) throw conflict('该房屋已绑定');
      return made;
    });
    return (await this.views([(await this.repo.one(null, id))!]))[0];
  }

  /** The owner ends their own binding (pending or verified). */
  async unbind(v: Viewer, id: number): Promise<boolean> {
    this.requireOwner(v);
    return this.repo.transaction(async (em) => {
      const b = await this.repo.one(em, id, true);
      if (!b || b.userId !== v.userId || (b.status !== 'PENDING' && b.status !== 'VERIFIED')) throw notFound('房屋绑定');
      return this.repo.transition(em, id, ['PENDING', 'VERIFIED'], 'ENDED', { at: this.clock.now() });
    });
  }

  // ---- staff ------------------------------------------------------------------------------------

  async ofComplex(v: Viewer, complexId: number, status: BindingStatus | null): Promise<BindingView[]> {
    this.requireStaff(v, complexId);
    const rows = await this.repo.ofComplex(complexId, status ? [status] : ['PENDING', 'VERIFIED'], 200);
    return this.views(rows, true);
  }

  /** Confirms (VERIFIED) or rejects a pending request; the first decision wins. */
  async decide(v: Viewer, id: number, approve: boolean, reason: string | null): Promise<BindingView> {
    const b = await this.repo.one(null, id);
    if (!b || !this.serves(v, b.complexId)) throw notFound('房屋绑定');
    const note = (reason ?? '').trim().slice(0, 100) || null;
    if (!approve && !note) throw badInput('请填写不通过的原因', { field: 'reason' });
    const done = await this.repo.transaction((em) => this.repo.transition(em, id, ['PENDING'], approve ? 'VERIFIED' : 'REJECTED', { at: this.clock.now(), by: v.userId, method: approve ? 'STAFF' : null, reason: note }));
    if (!done) throw conflict('该申请已处理');
    return (await this.views([(await this.repo.one(null, id))!], true))[0];
  }

  /** A six-digit code for one room, shown to the owner in person; binds at once, once, within 10 minutes. */
  async issueCode(v: Viewer, input: RoomInput): Promise<{ code: string; expiresAt: Date; label: string }> {
    this.requireStaff(v, input.complexId);
    const k = await this.roomKey(input);
    const now = this.clock.now();
    const expiresAt = new Date(+now + ROOM_LIMITS.codeTtlMs);
    for (let i = 0; i < 5; i++) {
      const code = newRoomCode();
      if (await this.repo.insertCode(k, hashRoomCode(k.complexId, code), v.userId, now, expiresAt)) {
        const [b] = await this.org.buildingsByIds([k.buildingId]);
        return { code, expiresAt, label: roomName(b?.name ?? '', k.unit, k.room) };
      }
    }
    throw conflict('验证码生成失败，请重试');
  }

  // ---- for filing -------------------------------------------------------------------------------

  /** The owner's verified binding at this complex, with its room's name (null: not theirs, not verified, another complex). */
  async verifiedRoom(userId: string, id: number, complexId: number): Promise<{ buildingId: number; label: string } | null> {
    const b = await this.repo.one(null, id);
    if (!b || b.userId !== userId || b.status !== 'VERIFIED' || b.complexId !== complexId) return null;
    const [view] = await this.views([b]);
    return { buildingId: b.buildingId, label: view.label };
  }

  // ---- rules ------------------------------------------------------------------------------------

  private requireOwner(v: Viewer): void {
    if (!v.roles.has(Role.OWNER)) throw forbidden('只有业主可以绑定房屋');
  }

  private serves(v: Viewer, complexId: number): boolean {
    return v.staffComplexIds.has(complexId) || v.managerComplexIds.has(complexId);
  }

  private requireStaff(v: Viewer, complexId: number): void {
    if (!v.roles.has(Role.STAFF) && !v.roles.has(Role.PROJECT_MANAGER)) throw forbidden('只有物业人员可以确认房屋绑定');
    if (!this.serves(v, complexId)) throw notFound('小区');
  }

  private async roomKey(input: RoomInput): Promise<RoomKey> {
    const complex = Number.isSafeInteger(input.complexId) ? await this.org.complex(input.complexId) : null;
    if (!complex || !complex.active) throw badInput('小区不存在', { field: 'complexId' });
    const building = (await this.org.buildingsOfComplex(complex.id)).find((b) => b.id === input.buildingId);
    if (!building || !building.active) throw badInput('楼栋不属于该小区', { field: 'buildingId' });
    return { complexId: complex.id, buildingId: building.id, unit: roomLabel(input.unit, 'unit'), room: roomLabel(input.room, 'room') };
  }

  private async views(rows: BindingRow[], forStaff = false): Promise<BindingView[]> {
    if (!rows.length) return [];
    const complexes = new Map((await this.org.complexesByIds([...new Set(rows.map((r) => r.complexId))])).map((c) => [c.id, c.name]));
    const buildings = new Map((await this.org.buildingsByIds([...new Set(rows.map((r) => r.buildingId))])).map((b) => [b.id, b.name]));
    const users = forStaff ? new Map((await this.org.usersByIds([...new Set(rows.map((r) => r.userId))])).map((u) => [String(u.id), u])) : new Map();
    return Promise.all(rows.map(async (r) => ({
      ...r, complexName: complexes.get(r.complexId) ?? '', buildingName: buildings.get(r.buildingId) ?? '',
      label: roomName(buildings.get(r.buildingId) ?? '', r.unit, r.room),
      ...(forStaff ? { ownerName: users.get(r.userId)?.name ?? '', ownerPhone: users.get(r.userId)?.phone ?? null, othersVerified: await this.repo.verifiedCount(r, r.userId) } : {}),
    })));
  }
}
