import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A published APK of the collection app in one channel; its file lives in the ota app's storage. */
@Entity({ name: 'ota_release' })
@Unique('uq_ota_release_channel_version', ['channel', 'versionCode'])
export class Release {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'varchar', length: 255 })
  packageName: string;

  @Column({ type: Number })
  versionCode: number;

  @Column({ type: 'varchar', length: 64 })
  versionName: string;

  @Column({ type: Number })
  minSdkVersion: number;

  @Column({ type: Number, nullable: true })
  targetSdkVersion: number | null;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** The column names its unit; the API calls it size. */
  @Column({ name: 'size_bytes', type: Number })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  signerSha256: string;

  @Column({ type: 'varchar', length: 512 })
  signerSubject: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: Boolean })
  mandatory: boolean;

  @Column({ type: Number })
  rolloutPercent: number;

  @Column({ type: Boolean })
  halted: boolean;

  @Column({ type: 'varchar', length: 128 })
  fileName: string;

  @Column({ type: Date })
  publishedAt: Date;

  @Column({ type: 'varchar', length: 64 })
  publishedBy: string;

  @Column({ type: Number })
  checkCount: number;

  @Column({ type: Number })
  downloadCount: number;
}
