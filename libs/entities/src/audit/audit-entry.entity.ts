import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who changed what, and when: one row per change of a business record. */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_entry_subject', ['subjectType', 'subjectId'])
@Index('ix_audit_entry_action', ['action'])
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: Date })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  subjectType: string;

  @Column({ type: 'varchar', length: 64 })
  subjectId: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  details: string | null;
}
