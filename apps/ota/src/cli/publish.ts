import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { copyFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createLogger, NestPinoLogger, ProblemError } from '#libs/common';
import { ConfigError, loadConfig } from '#libs/config';
import { PublishingService } from '../releases/publishing.service.js';
import { PublishReleaseDto } from '../releases/release.dto.js';
import { ReleaseFiles } from '../storage/release-files.js';
import { PublishCommandModule } from './publish-command.module.js';

const USAGE = 'usage: npm run ota:publish -- <file.apk> [--channel beta] [--notes "..."] [--mandatory] [--rollout 20]';

/**
 * `npm run ota:publish`: publishes an APK from a shell, through the same
 * publishing service as the HTTP endpoint, against the configured database
 * service over TCP. Prints the release as JSON; a refusal prints its reason
 * and exits 1, bad usage exits 64.
 */
async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { channel: { type: 'string' }, notes: { type: 'string' }, mandatory: { type: 'boolean' }, rollout: { type: 'string' } },
    });
  } catch (error) {
    return fail(64, `${(error as Error).message}\n${USAGE}`);
  }
  const [apkPath, ...extra] = args.positionals;
  if (!apkPath || extra.length > 0) return fail(64, USAGE);
  const form = plainToInstance(PublishReleaseDto, {
    channel: args.values.channel,
    notes: args.values.notes,
    mandatory: args.values.mandatory,
    rolloutPercent: args.values.rollout,
  });
  const issues = await validate(form, { whitelist: true, forbidNonWhitelisted: true });
  if (issues.length > 0) return fail(64, issues.flatMap((issue) => Object.values(issue.constraints ?? {})).join('; '));

  const config = loadConfig({ ...process.env, TRANSPORT: 'tcp' });
  const context = await NestFactory.createApplicationContext(PublishCommandModule.forRoot(config), {
    logger: new NestPinoLogger(createLogger('ota-publish', { logLevel: 'warn', logFormat: config.logFormat })),
  });
  try {
    const files = context.get(ReleaseFiles);
    const upload = files.newUploadPath();
    try {
      await copyFile(apkPath, upload);
    } catch (error) {
      // A full disk leaves part of a copy behind.
      await files.discard(upload);
      return fail(64, `cannot copy ${apkPath} into the release storage: ${(error as Error).message}`);
    }
    const operator = userInfo().username;
    const release = await context.get(PublishingService).publish(upload, form, { userId: 'operator', username: `operator:${operator}`.slice(0, 64) });
    process.stdout.write(`${JSON.stringify(release, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ProblemError) return fail(1, `refused (${error.problem.status} ${error.problem.code}): ${error.problem.detail}`);
    throw error;
  } finally {
    await context.close();
  }
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.exitCode = fail(78, error.message);
}
