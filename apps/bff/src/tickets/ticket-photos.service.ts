import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import type { Viewer } from '../org/domain/viewer';
import { canView } from './domain/ticket-access';
import type { AttachmentEntity } from './ticket.entities';
import { TicketAttachmentsRepository } from './ticket-attachments.repository';
import { TicketsRepository } from './tickets.repository';

/** A photo row as the tickets feature hands it to others (media streams its bytes). */
export type Photo = AttachmentEntity;
export type NewPhoto = Pick<AttachmentEntity, 'sha256' | 'mime' | 'size' | 'uploaderId' | 'createdAt'>;

/**
 * Photo rows (attachments): recorded unbound when uploaded, bound to a ticket and event by the action
 * that uses them (TicketsService), readable by their uploader and by whoever may see their ticket.
 * The files themselves are media's.
 */
@Injectable()
export class TicketPhotosService {
  constructor(private readonly repo: TicketAttachmentsRepository, private readonly tickets: TicketsRepository) {}

  async record(photo: NewPhoto): Promise<AttachmentEntity> {
    const id = await this.repo.insertAttachment(photo);
    return { id, ...photo, ticketId: null, eventId: null };
  }

  /**
   * Deletes up to `limit` photos attached to nothing and uploaded before `cutoff`; answers the contents
   * (sha256) no photo refers to any more, whose files media may remove.
   */
  async expireUnused(cutoff: Date, limit: number): Promise<{ deleted: number; orphans: string[] }> {
    const rows = await this.repo.unboundAttachmentsBefore(cutoff, limit);
    const deleted = await this.repo.deleteUnboundAttachments(rows.map((r) => r.id));
    const shas = [...new Set(rows.map((r) => r.sha256))];
    const inUse = await this.repo.attachmentShasInUse(shas);
    return { deleted, orphans: shas.filter((s) => !inUse.has(s)) };
  }

  /** The photo by id, whoever asks (for a link media signed earlier for a viewer who could see it). */
  async byId(id: string): Promise<AttachmentEntity | null> {
    return /^\d{1,19}$/.test(id) ? this.repo.attachment(id) : null;
  }

  /** The photo if the viewer uploaded it or may see its ticket; NOT_FOUND otherwise. */
  async visible(viewer: Viewer, id: string): Promise<AttachmentEntity> {
    const a = /^\d{1,19}$/.test(id) ? await this.repo.attachment(id) : null;
    if (!a) throw notFound('图片');
    if (String(a.uploaderId) === viewer.userId) return a;
    const t = a.ticketId ? await this.tickets.findById(String(a.ticketId)) : null;
    if (!t || !canView(viewer, t)) throw notFound('图片');
    return a;
  }
}
