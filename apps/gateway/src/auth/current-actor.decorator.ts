import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '#libs/auth';
import type { Actor } from '#libs/contract';

/** The authenticated caller as the services see it: passed with every collection message. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentActor used on a public route');
  return { userId: user.sub, username: user.username, role: user.role, branchId: user.branchId, deviceId: user.deviceId };
});
