import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { ProblemError, toProblem, type AppLogger, type Problem } from '#libs/common';

/** Sends every handler failure back to the caller as a problem; unexpected ones are logged here. */
@Catch()
export class RpcProblemFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: AppLogger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<Problem> {
    if (!(exception instanceof ProblemError)) {
      this.logger.error({ err: exception }, 'message handler failed');
    }
    return throwError(() => toProblem(exception));
  }
}
