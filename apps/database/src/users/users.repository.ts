import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { UserRecord } from '#libs/contract';
import { Branch, User } from '#libs/entities';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Branch) private readonly branches: Repository<Branch>,
  ) {}

  async findByUsername(username: string): Promise<UserRecord | null> {
    return this.toRecord(await this.users.findOneBy({ username }));
  }

  async findById(userId: string): Promise<UserRecord | null> {
    return this.toRecord(await this.users.findOneBy({ id: userId }));
  }

  private async toRecord(user: User | null): Promise<UserRecord | null> {
    if (!user) return null;
    const branch = user.branchId ? await this.branches.findOneBy({ id: user.branchId }) : null;
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      passwordHash: user.passwordHash,
      role: user.role,
      branchId: user.branchId,
      branchCode: branch?.code ?? null,
      active: user.active,
    };
  }
}
