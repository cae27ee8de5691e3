import type { UserSummary } from '#libs/contract';
import type { ReceiptRange, User } from '#libs/entities';

export function toUserSummary(user: User, branchCode: string | null, range: ReceiptRange | null): UserSummary {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    branchId: user.branchId,
    branchCode,
    active: user.active,
    mayBindDevices: user.mayBindDevices,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    receiptRange: range ? { prefix: range.prefix, from: range.fromNo, to: range.toNo } : null,
  };
}
