import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A photo a visit expects, by content hash; the photo itself may arrive before or after. */
@Entity({ name: 'visit_photo' })
@Index('ix_visit_photo_sha256', ['sha256'])
export class VisitPhoto {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  visitId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  position: number;
}
