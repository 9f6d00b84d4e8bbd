import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Priority, Role, TicketAction, TicketSource, TicketStatus } from '@msb/shared-types';

/** bigint ids come back from mysql2 as strings; they stay strings end to end (GraphQL ID). */
@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id: string;
  @Column({ type: 'varchar', length: 24 }) number: string;
  @Column({ name: 'complex_id', type: 'int', unsigned: true }) complexId: number;
  @Column({ name: 'community_id', type: 'int', unsigned: true }) communityId: number;
  @Column({ name: 'company_id', type: 'int', unsigned: true, nullable: true }) companyId: number | null;
  @Column({ name: 'spot_id', type: 'int', unsigned: true, nullable: true }) spotId: number | null;
  @Column({ name: 'building_id', type: 'int', unsigned: true, nullable: true }) buildingId: number | null;
  @Column({ name: 'location_text', type: 'varchar', length: 128 }) locationText: string;
  /** The owner's verified room (楼栋 单元 房号) when filed from a room binding; null otherwise. */
  @Column({ type: 'varchar', length: 64, nullable: true }) room: string | null;
  @Column({ name: 'category_code', type: 'varchar', length: 32 }) categoryCode: string;
  @Column({ type: 'varchar', length: 16 }) priority: Priority;
  @Column({ type: 'text' }) text: string;
  @Column({ name: 'reporter_id', type: 'bigint', unsigned: true }) reporterId: string;
  @Column({ name: 'contact_name', type: 'varchar', length: 64 }) contactName: string;
  @Column({ name: 'contact_phone', type: 'varchar', length: 20 }) contactPhone: string;
  @Column({ name: 'assignee_id', type: 'bigint', unsigned: true, nullable: true }) assigneeId: string | null;
  @Column({ name: 'handling_unit_id', type: 'int', unsigned: true, nullable: true }) handlingUnitId: number | null;
  @Column({ name: 'dispatch_target_unit_id', type: 'int', unsigned: true, nullable: true }) dispatchTargetUnitId: number | null;
  @Column({ type: 'varchar', length: 16 }) status: TicketStatus;
  @Column({ type: 'int', unsigned: true }) version: number;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 }) idempotencyKey: string;
  @Column({ type: 'varchar', length: 16 }) source: TicketSource;
  @Column({ name: 'rating_solved', type: 'boolean', nullable: true }) ratingSolved: boolean | null;
  @Column({ name: 'rating_score', type: 'tinyint', unsigned: true, nullable: true }) ratingScore: number | null;
  @Column({ name: 'rated_at', type: 'datetime', precision: 3, nullable: true }) ratedAt: Date | null;
  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true }) acceptedAt: Date | null;
  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true }) closedAt: Date | null;
  @Column({ name: 'mediation_requested_at', type: 'datetime', precision: 3, nullable: true }) mediationRequestedAt: Date | null;
  /** The resolve-by a pending extension request asks for; null when none waits for a decision. */
  @Column({ name: 'extension_requested_until', type: 'datetime', precision: 3, nullable: true }) extensionRequestedUntil: Date | null;
  /** When the owner last urged (催办) the ticket. */
  @Column({ name: 'last_urged_at', type: 'datetime', precision: 3, nullable: true }) lastUrgedAt: Date | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt: Date;
}

@Entity('ticket_events')
export class TicketEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id: string;
  @Column({ name: 'ticket_id', type: 'bigint', unsigned: true }) ticketId: string;
  @Column({ name: 'actor_id', type: 'bigint', unsigned: true, nullable: true }) actorId: string | null;
  @Column({ name: 'actor_role', type: 'varchar', length: 24 }) actorRole: Role | 'SYSTEM';
  @Column({ type: 'varchar', length: 32 }) action: TicketAction | string;
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true }) fromStatus: TicketStatus | null;
  @Column({ name: 'to_status', type: 'varchar', length: 16 }) toStatus: TicketStatus;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'json', nullable: true }) data: Record<string, unknown> | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
  /** When the event was written, when that was later than `createdAt` (an SLA event the scheduler applied late); else null. */
  @Column({ name: 'applied_at', type: 'datetime', precision: 3, nullable: true }) appliedAt: Date | null;
}

@Entity('attachments')
export class AttachmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true }) id: string;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 32 }) mime: string;
  @Column({ type: 'int', unsigned: true }) size: number;
  @Column({ name: 'uploader_id', type: 'bigint', unsigned: true }) uploaderId: string;
  @Column({ name: 'ticket_id', type: 'bigint', unsigned: true, nullable: true }) ticketId: string | null;
  @Column({ name: 'event_id', type: 'bigint', unsigned: true, nullable: true }) eventId: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt: Date;
}

export const TICKET_ENTITIES = [TicketEntity, TicketEventEntity, AttachmentEntity];
