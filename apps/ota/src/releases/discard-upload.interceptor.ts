import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { ReleaseFiles } from '../storage/release-files.js';

/**
 * Removes the uploaded file before a failed request answers: a refused form
 * (validation runs after the upload) must leave nothing behind. A published
 * file has been moved into the release storage by the publishing service.
 */
@Injectable()
export class DiscardUploadInterceptor implements NestInterceptor {
  constructor(private readonly files: ReleaseFiles) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const upload = context.switchToHttp().getRequest<Request>().file;
    if (!upload) return next.handle();
    return next.handle().pipe(catchError((error: unknown) => from(this.files.discard(upload.path)).pipe(mergeMap(() => throwError(() => error)))));
  }
}
