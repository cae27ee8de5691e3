import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type UserRole = 'collector' | 'supervisor' | 'admin';

/** A person who logs in: a field collector, a branch supervisor or an admin. */
@Entity({ name: 'app_user' })
@Index('ix_app_user_branch', ['branchId'])
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  /** scrypt parameters, salt and hash in one string; never the password. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 16 })
  role: UserRole;

  @Column({ type: 'varchar', length: 36, nullable: true })
  branchId: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** False once an admin blocks the person from binding phones: login then admits only a phone already bound to them. */
  @Column({ type: 'boolean', default: true })
  mayBindDevices: boolean;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  updatedAt: Date;
}
