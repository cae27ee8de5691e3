import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '#libs/config';
import { User } from '#libs/entities';
import { hashPassword } from '#libs/password';
import { recordAudit } from '../audit/audit-trail.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { isUniqueViolation } from '../persistence/unique-violation.js';

/**
 * A production installation starts without demo data, so without a user: the
 * operator names its first admin with FIRST_ADMIN_PASSWORD, made once while no
 * admin exists, so that someone can log in and create the rest. Later starts
 * leave it alone; its password is then changed through the API like any other.
 */
@Injectable()
export class FirstAdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstAdmin');

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const firstAdmin = this.config.firstAdmin;
    if (!firstAdmin || this.config.demoData) return;
    // A slow hash on every start would be wasted once the admin exists, which is every start but the first.
    if (await this.transactions.read((manager) => manager.existsBy(User, { role: 'admin' }))) return;
    const passwordHash = await hashPassword(firstAdmin.password);
    try {
      const created = await this.transactions.run(async (manager) => {
        if (await manager.existsBy(User, { role: 'admin' })) return false;
        const id = randomUUID();
        const now = new Date();
        await manager.insert(User, {
          id,
          username: firstAdmin.username,
          fullName: 'First admin',
          passwordHash,
          role: 'admin',
          branchId: null,
          active: true,
          mayBindDevices: true,
          employeeCode: null,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(manager, { actorId: id, action: 'user.create', subjectType: 'user', subjectId: id, details: { by: 'FIRST_ADMIN_PASSWORD' } });
        return true;
      });
      if (created) this.logger.log({ msg: 'first admin created', username: firstAdmin.username });
    } catch (error) {
      // A second database replica starting at the same moment made it first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
