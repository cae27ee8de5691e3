import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A proof photo a visit carries, by content hash, and where the core downloads
 * it. Written with the visit; the file itself may reach the media service
 * before or after, so the download answers 404 until the collector's phone
 * has uploaded it.
 */
@Entity({ name: 'core_out_photo' })
export class CoreOutPhoto {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'visit_id', type: 'varchar', length: 36 })
  visitId: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 120 })
  url: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 64 })
  uploadedBy: string;

  @Column({ name: 'account_no', type: 'varchar', length: 32 })
  accountNo: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'acked_at', type: Date, nullable: true })
  ackedAt: Date | null;
}
