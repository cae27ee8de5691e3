import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import { BranchStore, UserStore, type Actor, type BranchScope } from '#libs/contract';
import { MessageClient } from '#libs/transport';

/**
 * Who sees what: an admin every branch (or the one named), a supervisor only
 * their own. Naming another branch is refused (403); a collector or visit
 * outside the scope reads as absent (404), so its existence does not leak.
 */
@Injectable()
export class MonitoringScope {
  constructor(private readonly messages: MessageClient) {}

  async of(actor: Actor, branchCode?: string): Promise<BranchScope> {
    const admin = actor.role === 'admin';
    if (!admin && (actor.role !== 'supervisor' || !actor.branchId)) throw ProblemError.forbidden('Monitoring is for supervisors and admins');
    if (!branchCode) return { branchId: admin ? null : actor.branchId };
    const branch = await this.messages.send(BranchStore.findByCode, { code: branchCode });
    if (admin) {
      if (!branch) throw ProblemError.notFound(`No branch ${branchCode}`);
      return { branchId: branch.id };
    }
    if (branch?.id !== actor.branchId) throw ProblemError.forbidden('A supervisor sees only their own branch');
    return { branchId: actor.branchId };
  }

  async assertCollectorWithin(scope: BranchScope, collectorId: string): Promise<void> {
    const user = await this.messages.send(UserStore.findById, { userId: collectorId });
    if (user?.role !== 'collector' || (scope.branchId !== null && user.branchId !== scope.branchId)) {
      throw ProblemError.notFound(`No collector ${collectorId} in your scope`);
    }
  }
}
