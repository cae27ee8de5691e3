import { describe, expect, it } from '@jest/globals';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { defineMessage } from '#libs/contract';
import { Handles } from './handles.decorator.js';

interface RenameRequest {
  userId: string;
  fullName: string;
}

interface RenamedUser {
  userId: string;
  fullName: string;
}

const RenameUser = defineMessage<RenameRequest, RenamedUser>('database', 'users.rename');

/** Handlers that match the definition: the type check accepts them. */
class MatchingHandlers {
  @Handles(RenameUser)
  rename(request: RenameRequest): Promise<RenamedUser> {
    return Promise.resolve({ userId: request.userId, fullName: request.fullName });
  }

  @Handles(RenameUser)
  renameAtOnce(request: RenameRequest, _context: { requestId: string }): RenamedUser {
    return { ...request };
  }

  @Handles(RenameUser)
  renameFromWider(request: { userId: string }): RenamedUser {
    return { userId: request.userId, fullName: 'unchanged' };
  }
}

/**
 * Handlers that drift from the definition: each is a type error, checked by
 * `tsc` (`npm run typecheck`), which fails if any of them compiles.
 */
export class DriftingHandlers {
  // @ts-expect-error the handler reads a field the request does not carry (a field renamed in the contract)
  @Handles(RenameUser)
  renameByName(request: { userId: string; name: string }): RenamedUser {
    return { userId: request.userId, fullName: request.name };
  }

  // @ts-expect-error the handler answers without a field the reply must carry
  @Handles(RenameUser)
  renameWithoutReply(request: RenameRequest): Promise<{ userId: string }> {
    return Promise.resolve({ userId: request.userId });
  }

  // @ts-expect-error the handler answers a field under another type
  @Handles(RenameUser)
  renameToNumber(request: RenameRequest): { userId: string; fullName: number } {
    return { userId: request.userId, fullName: 0 };
  }

  // @ts-expect-error the handler takes another message's request
  @Handles(RenameUser)
  renameFromString(request: string): RenamedUser {
    return { userId: request, fullName: request };
  }
}

describe('Handles', () => {
  it("registers the method for the definition's pattern, as MessagePattern does", () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, MatchingHandlers.prototype.rename)).toEqual(['database.users.rename']);
    expect(Reflect.getMetadata(PATTERN_METADATA, MatchingHandlers.prototype.renameAtOnce)).toEqual(['database.users.rename']);
  });
});
