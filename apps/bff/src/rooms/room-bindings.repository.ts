import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export type BindingStatus = 'PENDING' | 'VERIFIED' | 'REJECTED' | 'ENDED';

export interface BindingRow {
  id: number;
  userId: string;
  complexId: number;
  buildingId: number;
  unit: string;
  room: string;
  status: BindingStatus;
  method: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
  reason: string | null;
}

export interface RoomKey {
  complexId: number;
  buildingId: number;
  unit: string;
  room: string;
}

const row = (r: any): BindingRow => ({
  id: Number(r.id), userId: String(r.user_id), complexId: r.complex_id, buildingId: r.building_id, unit: r.unit_label, room: r.room_label,
  status: r.status, method: r.method, requestedAt: new Date(r.requested_at), decidedAt: r.decided_at ? new Date(r.decided_at) : null, reason: r.reason,
});

const isDup = (e: unknown) => (e as { code?: string }).code === 'ER_DUP_ENTRY' || (e as { driverError?: { code?: string } }).driverError?.code === 'ER_DUP_ENTRY';

/** room_bindings and room_codes: rooms/ own tables. Bindings end (status ENDED), never disappear. */
@Injectable()
export class RoomBindingsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async one(em: EntityManager | null, id: number, lock = false): Promise<BindingRow | null> {
    const [r] = await (em ?? this.ds.manager).query(`SELECT * FROM room_bindings WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r ? row(r) : null;
  }

  async ofUser(userId: string, em?: EntityManager): Promise<BindingRow[]> {
    const rows: any[] = await (em ?? this.ds.manager).query("SELECT * FROM room_bindings WHERE user_id = ? AND status IN ('PENDING', 'VERIFIED') ORDER BY id", [userId]);
    return rows.map(row);
  }

  async ofComplex(complexId: number, statuses: readonly BindingStatus[], first: number): Promise<BindingRow[]> {
    const rows: any[] = await this.ds.query('SELECT * FROM room_bindings WHERE complex_id = ? AND status IN (?) ORDER BY id DESC LIMIT ?', [complexId, statuses, first]);
    return rows.map(row);
  }

  /** Owners holding a verified binding of this room (other than `exceptUserId`). */
  async verifiedCount(k: RoomKey, exceptUserId: string): Promise<number> {
    const [r] = await this.ds.query("SELECT COUNT(*) AS n FROM room_bindings WHERE building_id = ? AND unit_label = ? AND room_label = ? AND status = 'VERIFIED' AND user_id <> ?", [k.buildingId, k.unit, k.room, exceptUserId]);
    return Number(r.n);
  }

  async live(em: EntityManager, userId: string, k: RoomKey): Promise<BindingRow | null> {
    const [r] = await em.query('SELECT * FROM room_bindings WHERE user_id = ? AND building_id = ? AND unit_label = ? AND room_label = ? AND live = 1', [userId, k.buildingId, k.unit, k.room]);
    return r ? row(r) : null;
  }

  /** A new binding; null when the same owner and room already has a live one (the unique key decides). */
  async insert(em: EntityManager, userId: string, k: RoomKey, status: BindingStatus, method: string | null, at: Date): Promise<number | null> {
    try {
      const r = await em.query(
        'INSERT INTO room_bindings (user_id, complex_id, building_id, unit_label, room_label, status, method, requested_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [userId, k.complexId, k.buildingId, k.unit, k.room, status, method, at, status === 'VERIFIED' ? at : null],
      );
      return Number(r.insertId);
    } catch (e) {
      if (isDup(e)) return null;
      throw e;
    }
  }

  /** Moves a binding from `from` to `to` (compare-and-set): false when someone else moved it first. */
  async transition(em: EntityManager, id: number, from: readonly BindingStatus[], to: BindingStatus, f: { at: Date; by?: string | null; method?: string | null; reason?: string | null }): Promise<boolean> {
    const r = await em.query(
      `UPDATE room_bindings SET status = ?, ${to === 'ENDED' ? 'ended_at' : 'decided_at'} = ?, decided_by = COALESCE(?, decided_by), method = COALESCE(?, method), reason = COALESCE(?, reason)
       WHERE id = ? AND status IN (?)`,
      [to, f.at, f.by ?? null, f.method ?? null, f.reason ?? null, id, from],
    );
    return Number(r.affectedRows ?? r[1] ?? 0) === 1;
  }

  async insertCode(k: RoomKey, codeHash: string, by: string, at: Date, expiresAt: Date): Promise<boolean> {
    // Codes of a day ago are of no use any more; dropping them keeps the six-digit space free.
    await this.ds.query('DELETE FROM room_codes WHERE complex_id = ? AND expires_at < ? LIMIT 1000', [k.complexId, new Date(+at - 24 * 3600_000)]);
    try {
      await this.ds.query(
        'INSERT INTO room_codes (complex_id, building_id, unit_label, room_label, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [k.complexId, k.buildingId, k.unit, k.room, codeHash, by, at, expiresAt],
      );
      return true;
    } catch (e) {
      if (isDup(e)) return false;
      throw e;
    }
  }

  /** Takes a live code once (the first caller wins); the room it opens, or null. */
  async takeCode(em: EntityManager, complexId: number, codeHash: string, userId: string, at: Date): Promise<RoomKey | null> {
    const [c] = await em.query('SELECT * FROM room_codes WHERE complex_id = ? AND code_hash = ? FOR UPDATE', [complexId, codeHash]);
    if (!c || c.used_at || new Date(c.expires_at) <= at) return null;
    await em.query('UPDATE room_codes SET used_at = ?, used_by = ? WHERE id = ?', [at, userId, c.id]);
    return { complexId: c.complex_id, buildingId: c.building_id, unit: c.unit_label, room: c.room_label };
  }
}
