import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AttachmentEntity } from './ticket.entities';

/** Photos of tickets (`attachments`): uploaded unbound, bound to a ticket and event by an action, swept when never bound. */
@Injectable()
export class TicketAttachmentsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Binds uploaded photos to a ticket and event. Only the uploader's own, still unbound photos qualify. */
  async bindAttachments(em: EntityManager, ids: readonly string[], uploaderId: string, ticketId: string, eventId: string): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await em.query(
      'UPDATE attachments SET ticket_id = ?, event_id = ? WHERE id IN (?) AND uploader_id = ? AND ticket_id IS NULL',
      [ticketId, eventId, ids, uploaderId],
    );
    return res.affectedRows;
  }

  async insertAttachment(a: Pick<AttachmentEntity, 'sha256' | 'mime' | 'size' | 'uploaderId' | 'createdAt'>): Promise<string> {
    const res = await this.ds.createQueryBuilder().insert().into(AttachmentEntity).values({ ...a, ticketId: null, eventId: null }).updateEntity(false).execute();
    return String(res.raw.insertId);
  }

  /** Photos attached to nothing and uploaded before `cutoff`, oldest first. */
  async unboundAttachmentsBefore(cutoff: Date, limit: number): Promise<{ id: string; sha256: string }[]> {
    const rows = await this.ds.query('SELECT id, sha256 FROM attachments WHERE ticket_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?', [cutoff, limit]);
    return rows.map((r: any) => ({ id: String(r.id), sha256: r.sha256 }));
  }

  /** Deletes those of `ids` still attached to nothing (an action binding one at the same moment wins or loses whole). */
  async deleteUnboundAttachments(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const res = await this.ds.query('DELETE FROM attachments WHERE id IN (?) AND ticket_id IS NULL', [ids]);
    return Number(res.affectedRows);
  }

  /** Which of these contents some photo row still refers to. */
  async attachmentShasInUse(shas: readonly string[]): Promise<Set<string>> {
    if (shas.length === 0) return new Set();
    const rows = await this.ds.query('SELECT DISTINCT sha256 FROM attachments WHERE sha256 IN (?)', [shas]);
    return new Set(rows.map((r: any) => r.sha256 as string));
  }

  attachment(id: string): Promise<AttachmentEntity | null> {
    return this.ds.getRepository(AttachmentEntity).findOne({ where: { id } });
  }

  async attachmentsOf(ticketIds: readonly string[]): Promise<AttachmentEntity[]> {
    if (ticketIds.length === 0) return [];
    return this.ds.getRepository(AttachmentEntity).createQueryBuilder('a').where('a.ticket_id IN (:...ids)', { ids: ticketIds }).orderBy('a.id', 'ASC').getMany();
  }
}
