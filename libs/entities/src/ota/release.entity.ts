import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A published APK of the collection app in one channel; its file lives in the ota app's storage. */
@Entity({ name: 'ota_release' })
@Unique('uq_ota_release_channel_version', ['channel', 'versionCode'])
export class Release {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ name: 'package_name', type: 'varchar', length: 255 })
  packageName: string;

  @Column({ name: 'version_code', type: Number })
  versionCode: number;

  @Column({ name: 'version_name', type: 'varchar', length: 64 })
  versionName: string;

  @Column({ name: 'min_sdk_version', type: Number })
  minSdkVersion: number;

  @Column({ name: 'target_sdk_version', type: Number, nullable: true })
  targetSdkVersion: number | null;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'size_bytes', type: Number })
  size: number;

  @Column({ name: 'signer_sha256', type: 'varchar', length: 64 })
  signerSha256: string;

  @Column({ name: 'signer_subject', type: 'varchar', length: 512 })
  signerSubject: string;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: Boolean })
  mandatory: boolean;

  @Column({ name: 'rollout_percent', type: Number })
  rolloutPercent: number;

  @Column({ type: Boolean })
  halted: boolean;

  @Column({ name: 'file_name', type: 'varchar', length: 128 })
  fileName: string;

  @Column({ name: 'published_at', type: Date })
  publishedAt: Date;

  @Column({ name: 'published_by', type: 'varchar', length: 64 })
  publishedBy: string;

  @Column({ name: 'check_count', type: Number })
  checkCount: number;

  @Column({ name: 'download_count', type: Number })
  downloadCount: number;
}
