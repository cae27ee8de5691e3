import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** `active`: the collector's one bound phone; `released` by an admin; `revoked`: its tokens stop working at once and it never logs in again, on any account. */
export type DeviceStatus = 'active' | 'released' | 'revoked';

/** A phone a collector logged in from. */
@Entity({ name: 'device' })
@Index('ix_device_user_status', ['userId', 'status'])
@Index('ix_device_key', ['deviceKey'])
export class Device {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  /** The identifier the phone reports (Android ID). */
  @Column({ type: 'varchar', length: 128 })
  deviceKey: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  model: string | null;

  @Column({ type: 'integer' })
  androidSdk: number;

  @Column({ type: 'integer' })
  appVersionCode: number;

  @Column({ type: 'varchar', length: 16 })
  status: DeviceStatus;

  @Column({ type: Date })
  boundAt: Date;

  @Column({ type: Date })
  lastSeenAt: Date;

  @Column({ type: Date, nullable: true })
  endedAt: Date | null;
}
