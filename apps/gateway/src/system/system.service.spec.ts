import { describe, expect, it } from '@jest/globals';
import { ProblemError } from '#libs/common';
import { SystemMessages, type AppName, type DependencyStatus, type StatusReply } from '#libs/contract';
import { FakeMessageClient } from '../../../../test/support/fake-message-client.js';
import { SystemService } from './system.service.js';

function status(service: AppName, dependencies: DependencyStatus[] = []): StatusReply {
  return { service, version: '0.1.0', pid: 100, uptimeSeconds: 60, startedAt: '2026-11-28T02:00:00.000Z', dependencies };
}

const databaseUp: DependencyStatus = { service: 'database', up: true, status: status('database') };

describe('SystemService', () => {
  it('lists each service once, the database as the collector saw it', async () => {
    const messages = new FakeMessageClient()
      .answer(SystemMessages.collectorStatus, status('collector', [databaseUp]))
      .answer(SystemMessages.mediaStatus, status('media'))
      .answer(SystemMessages.otaStatus, status('ota', [{ service: 'database', up: false, reason: 'stale', code: 'service-unavailable' }]));
    const dependencies = await new SystemService(messages).dependencies();
    expect(dependencies.map((dependency) => [dependency.service, dependency.up])).toEqual([
      ['collector', true],
      ['database', true],
      ['media', true],
      ['ota', true],
    ]);
    expect(messages.sent.map((sent) => sent.options)).toEqual([{ timeoutMs: 2000 }, { timeoutMs: 2000 }, { timeoutMs: 2000 }]);
  });

  it('reports an unreachable collector down with its problem code, and the database behind it as unknown', async () => {
    const messages = new FakeMessageClient()
      .fail(SystemMessages.collectorStatus, ProblemError.unavailable('collector', 'The collector service did not answer within 2000 ms'))
      .fail(SystemMessages.mediaStatus, new Error('socket hang up'))
      .answer(SystemMessages.otaStatus, status('ota'));
    expect(await new SystemService(messages).dependencies()).toEqual([
      { service: 'collector', up: false, reason: 'The collector service did not answer within 2000 ms', code: 'service-unavailable' },
      { service: 'database', up: false, reason: 'unknown: the collector service is unreachable', code: 'service-unavailable' },
      { service: 'media', up: false, reason: 'socket hang up', code: 'service-unavailable' },
      { service: 'ota', up: true, status: status('ota') },
    ]);
  });
});
