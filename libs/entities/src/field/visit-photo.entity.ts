import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A photo a visit expects, by content hash; the photo itself may arrive before or after. */
@Entity({ name: 'visit_photo' })
export class VisitPhoto {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  visitId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  position: number;
}
