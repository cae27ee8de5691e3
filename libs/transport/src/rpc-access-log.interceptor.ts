import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';

/** One log line per answered message: pattern, outcome and duration, never the payload. */
@Injectable()
export class RpcAccessLogInterceptor implements NestInterceptor {
  private readonly logger = new Logger('rpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // NATS names a message's pattern its subject.
    const rpc = context.switchToRpc().getContext<{ getPattern?: () => string; getSubject?: () => string }>();
    const pattern = rpc.getPattern?.() ?? rpc.getSubject?.() ?? 'unknown';
    const started = process.hrtime.bigint();
    const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    return next.handle().pipe(
      tap({
        complete: () => this.logger.log({ pattern, outcome: 'ok', durationMs: elapsed() }),
        error: (error: { status?: number; code?: string }) =>
          this.logger.log({ pattern, outcome: 'problem', status: error?.status, code: error?.code, durationMs: elapsed() }),
      }),
    );
  }
}
