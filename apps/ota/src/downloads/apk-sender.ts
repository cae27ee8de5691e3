import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { makeProblem, ProblemError } from '#libs/common';
import type { ReleaseRecord } from '#libs/contract';
import { ReleaseCounters } from '../catalogue/release-counters.service.js';
import { READ_CHUNK_BYTES, ReleaseFiles } from '../storage/release-files.js';

export const APK_MEDIA_TYPE = 'application/vnd.android.package-archive';

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

// No `etag` option: express overwrites it with the app setting, and `send` keeps an ETag already set (the APK's SHA-256).
const SEND_OPTIONS = { lastModified: false, acceptRanges: true, cacheControl: true, highWaterMark: READ_CHUNK_BYTES };
const IMMUTABLE_FILE = { ...SEND_OPTIONS, maxAge: ONE_YEAR_MS, immutable: true };
const CHANGING_FILE = { ...SEND_OPTIONS, maxAge: 0 };

/**
 * Sends a release file with express's `send`: HEAD, Range (206, 416),
 * conditional requests against the APK's SHA-256 as a strong ETag, and 1 MiB
 * reads. Whole downloads, and the first range of a resumable one, are counted.
 */
@Injectable()
export class ApkSender {
  constructor(
    private readonly files: ReleaseFiles,
    private readonly counters: ReleaseCounters,
  ) {}

  send(request: Request, response: Response, release: ReleaseRecord, options: { immutable: boolean; fileName: string }): Promise<void> {
    response.setHeader('ETag', `"${release.sha256}"`);
    response.setHeader('Content-Type', APK_MEDIA_TYPE);
    response.setHeader('Content-Disposition', `attachment; filename="${options.fileName}"`);
    if (request.method === 'GET') {
      response.once('finish', () => {
        if (startsTheFile(response)) this.counters.countDownload(release.id);
      });
    }
    return new Promise((resolve, reject) => {
      // A copy: express writes into the options it is given.
      const sendOptions = { ...(options.immutable ? IMMUTABLE_FILE : CHANGING_FILE) };
      response.sendFile(
        this.files.pathOf(release.fileName),
        sendOptions,
        (error?: Error & { status?: number; headers?: Record<string, string>; code?: string }) => {
          if (!error || response.headersSent || error.code === 'ECONNABORTED') return resolve();
          if (error.status === 416) {
            if (error.headers?.['Content-Range']) response.setHeader('Content-Range', error.headers['Content-Range']);
            return reject(new ProblemError(makeProblem(416, 'range-not-satisfiable', `The APK is ${release.size} bytes; the requested range lies outside it`)));
          }
          if (error.status === 412) return reject(new ProblemError(makeProblem(412, 'precondition-failed', 'The APK does not match the precondition')));
          reject(error);
        },
      );
    });
  }
}

/** A 200, or a 206 whose range starts at byte 0: the start of a download rather than its resumption. */
function startsTheFile(response: Response): boolean {
  if (response.statusCode === 200) return true;
  return response.statusCode === 206 && /^bytes 0-/.test(String(response.getHeader('Content-Range') ?? ''));
}
