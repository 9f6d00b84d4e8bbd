import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** upload_quota (media's table): photos and stored bytes per uploader per Shanghai day. */
@Injectable()
export class UploadQuotaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Today's use so far (a read, for refusing before a body is decoded). */
  async used(userId: string, day: string): Promise<{ uploads: number; bytes: number }> {
    const [r] = await this.ds.query('SELECT uploads, bytes FROM upload_quota WHERE user_id = ? AND day = ?', [userId, day]);
    return { uploads: Number(r?.uploads ?? 0), bytes: Number(r?.bytes ?? 0) };
  }

  /**
   * Counts one photo of `bytes` if it fits under both caps; false (nothing counted) if not. The check
   * and the count are one conditional UPDATE: uploads sent at once queue on the row's lock, so no more
   * than the caps ever pass.
   */
  async charge(userId: string, day: string, bytes: number, caps: { count: number; bytes: number }): Promise<boolean> {
    if (bytes > caps.bytes || caps.count < 1) return false;
    await this.ds.query('INSERT IGNORE INTO upload_quota (user_id, day, uploads, bytes) VALUES (?, ?, 0, 0)', [userId, day]);
    const res = await this.ds.query(
      'UPDATE upload_quota SET uploads = uploads + 1, bytes = bytes + ? WHERE user_id = ? AND day = ? AND uploads < ? AND bytes + ? <= ?',
      [bytes, userId, day, caps.count, bytes, caps.bytes],
    );
    return res.affectedRows > 0;
  }

  /** Gives back what `charge` counted (the photo was refused after all, or not recorded). */
  async refund(userId: string, day: string, bytes: number): Promise<void> {
    await this.ds.query('UPDATE upload_quota SET uploads = GREATEST(uploads, 1) - 1, bytes = GREATEST(bytes, ?) - ? WHERE user_id = ? AND day = ?', [bytes, bytes, userId, day]);
  }

  /** Rows of days before `day` are of no further use. */
  async forgetBefore(day: string): Promise<void> {
    await this.ds.query('DELETE FROM upload_quota WHERE day < ?', [day]);
  }
}
