import { Injectable } from '@nestjs/common';
import { SystemMessages, type DependencyStatus } from '#libs/contract';
import { describeProcess } from '#libs/runtime';
import { MessageClient } from '#libs/transport';

/** Every service the gateway needs, each as the gateway or the collector last saw it. */
@Injectable()
export class SystemService {
  constructor(private readonly messages: MessageClient) {}

  async dependencies(): Promise<DependencyStatus[]> {
    const direct = await Promise.all([
      this.messages.probe(SystemMessages.collectorStatus),
      this.messages.probe(SystemMessages.mediaStatus),
      this.messages.probe(SystemMessages.otaStatus),
    ]);
    // The collector and ota both report the database; each service is listed once, as first seen.
    const all = direct.flatMap((dependency) => [dependency, ...indirectOf(dependency)]);
    return all.filter((dependency, index) => all.findIndex((other) => other.service === dependency.service) === index);
  }

  self() {
    return { ...describeProcess('gateway'), up: true as const };
  }
}

/** What a reachable service reported about its own dependencies; an unreachable one hides them. */
function indirectOf(dependency: DependencyStatus): DependencyStatus[] {
  if (dependency.up) return dependency.status.dependencies;
  if (dependency.service === 'collector') {
    return [{ service: 'database', up: false, reason: 'unknown: the collector service is unreachable', code: 'service-unavailable' }];
  }
  return [];
}
