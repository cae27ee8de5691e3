import { ApiProperty } from '@nestjs/swagger';
import type { BatchView } from '#libs/contract';

/** A collector's day of work: opened at login, closed at day end or by a reset. */
export class BatchDto implements BatchView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2026-11-28' }) workDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: 'open' | 'closed';
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
}
