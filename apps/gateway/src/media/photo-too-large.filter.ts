import { Catch, Injectable, PayloadTooLargeException, type ArgumentsHost } from '@nestjs/common';
import { makeProblem, ProblemError } from '#libs/common';
import { AppConfig } from '#libs/config';
import { HttpProblemFilter } from '#libs/http';

/** Says which limit an upload broke, where multer only says "File too large". */
@Injectable()
@Catch(PayloadTooLargeException)
export class PhotoTooLargeFilter extends HttpProblemFilter {
  constructor(private readonly config: AppConfig) {
    super();
  }

  override catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const problem = makeProblem(413, 'photo-too-large', `A photo may be at most ${this.config.mediaMaxBytes} bytes (MEDIA_MAX_BYTES)`, {
      errors: [{ field: 'file', message: `larger than ${this.config.mediaMaxBytes} bytes` }],
    });
    super.catch(new ProblemError(problem), host);
  }
}
