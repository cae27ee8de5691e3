import type { VisitContent, VisitView } from '#libs/contract';
import type { Visit } from '#libs/entities';

export function toVisitView(visit: Pick<Visit, 'content' | 'batchId' | 'receivedAt'>): VisitView {
  const content = JSON.parse(visit.content) as VisitContent;
  return { ...content, batchId: visit.batchId, receivedAt: visit.receivedAt.toISOString() };
}
