import { Injectable } from '@nestjs/common';
import { ProblemError } from '#libs/common';
import type { NewResultCode, ResultCodeChange, ResultCodeView } from '#libs/contract';
import { ResultCode } from '#libs/entities';
import { recordAudit } from '../audit/audit-trail.js';
import { TransactionRunner } from '../persistence/transaction.runner.js';
import { insertUnique } from '../persistence/unique-violation.js';
import { toResultCodeView } from './result-code.mapper.js';

@Injectable()
export class ResultCodesRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Every code, inactive ones included, in the order the app lists them. */
  list(): Promise<ResultCodeView[]> {
    return this.transactions.read(async (manager) => {
      const codes = await manager.find(ResultCode, { order: { sortOrder: 'ASC', code: 'ASC' } });
      return codes.map(toResultCodeView);
    });
  }

  create(request: NewResultCode): Promise<ResultCodeView> {
    return this.transactions.run(async (manager) => {
      const code = manager.getRepository(ResultCode).create({
        code: request.code,
        label: request.label,
        requiresPayment: request.requires.payment,
        requiresPromise: request.requires.promise,
        requiresGps: request.requires.gps,
        minPhotos: request.requires.minPhotos,
        active: request.active,
        sortOrder: request.sortOrder,
      });
      await insertUnique(manager.getRepository(ResultCode).insert(code), () =>
        ProblemError.conflict('result-code-exists', `The result code ${request.code} exists`),
      );
      const view = toResultCodeView(code);
      await recordAudit(manager, {
        actorId: request.actorId,
        action: 'resultCode.create',
        subjectType: 'resultCode',
        subjectId: code.code,
        details: { ...view },
      });
      return view;
    });
  }

  update(change: ResultCodeChange): Promise<ResultCodeView> {
    return this.transactions.run(async (manager) => {
      const codes = manager.getRepository(ResultCode);
      const code = await codes.findOneBy({ code: change.code });
      if (!code) throw ProblemError.notFound(`No result code ${change.code}`);
      const before = toResultCodeView(code);
      Object.assign(code, {
        label: change.label ?? code.label,
        requiresPayment: change.requires?.payment ?? code.requiresPayment,
        requiresPromise: change.requires?.promise ?? code.requiresPromise,
        requiresGps: change.requires?.gps ?? code.requiresGps,
        minPhotos: change.requires?.minPhotos ?? code.minPhotos,
        active: change.active ?? code.active,
        sortOrder: change.sortOrder ?? code.sortOrder,
      });
      const after = toResultCodeView(code);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await codes.save(code);
        await recordAudit(manager, {
          actorId: change.actorId,
          action: 'resultCode.update',
          subjectType: 'resultCode',
          subjectId: code.code,
          details: { from: before, to: after },
        });
      }
      return after;
    });
  }
}
