import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The LKH of a collector's open batch exactly as `GET /worklist` answers it,
 * rendered once in the transaction that opens the batch and dropped in the one
 * that closes it, so the row exists while the batch is open. Keyed by the
 * collector, so a download or a `304` is one primary-key read.
 */
@Entity({ name: 'worklist_document' })
export class WorklistDocument {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  collectorId: string;

  @Column({ type: 'varchar', length: 36 })
  batchId: string;

  /** The strong entity tag, quoted as it travels in `ETag`. */
  @Column({ type: 'varchar', length: 64 })
  etag: string;

  /** The response body, JSON, sent as stored. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: Date })
  renderedAt: Date;
}
