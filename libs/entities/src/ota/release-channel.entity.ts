import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a release channel demands of its phones: the minimum supported versionCode. */
@Entity({ name: 'ota_channel' })
export class ReleaseChannel {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: Number, nullable: true })
  minVersionCode: number | null;

  @Column({ type: Date })
  updatedAt: Date;
}
