import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEntry, User } from '#libs/entities';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, User])],
  controllers: [AuditController],
  providers: [AuditRepository],
})
export class AuditModule {}
