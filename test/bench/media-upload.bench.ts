import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Agent, request } from 'undici';
import { loadConfig } from '#libs/config';
import { PhotoInspector } from '../../apps/media/src/photos/photo.inspector.js';
import { login, phone } from '../support/demo-users.js';
import type { RunningSystem, SystemMode } from '../support/system-harness.js';
import { sha256Of } from '../support/test-photos.js';
import { secondsSince, table, withSystem, type Benchmark } from './bench-kit.js';
import { AppCpuMeter } from './process-cpu.js';

/** Photos per target; `BENCH_MEDIA_PHOTOS` makes a quicker run while developing. */
const PHOTOS = Number(process.env.BENCH_MEDIA_PHOTOS ?? 300);
const WARM_UP = 16;
const CONNECTIONS = 8;
const BOUNDARY = 'mobile-collection-bench';

interface Throughput {
  photosPerSecond: number;
  megabytesPerSecond: number;
  p50Ms?: number;
  p99Ms?: number;
  failures?: number;
  /** CPU milliseconds per photo: of each app in five processes, of the load generator, or of inspection alone. */
  cpuMsPerPhoto?: Record<string, number>;
}

/**
 * A 1600x1200 JPEG of about 300 KB. Gaussian noise keeps it that large at
 * quality 80, the worst case for decoding (every byte is entropy).
 */
async function basePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 11 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** The same photo with a numbered JPEG comment after its start marker: a new hash each, still a valid JPEG. */
function variantOf(base: Buffer, index: number): Buffer {
  const comment = Buffer.from(`bench photo ${index}`);
  const marker = Buffer.from([0xff, 0xfe, 0, 0]);
  marker.writeUInt16BE(comment.length + 2, 2);
  return Buffer.concat([base.subarray(0, 2), marker, comment, base.subarray(2)]);
}

function multipartBody(photo: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="sha256"\r\n\r\n${sha256Of(photo)}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    photo,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** The anchor: the same bytes written to new files with fsync, one after another, by bare Node. */
function measureDiskAnchor(photos: Buffer[]): Throughput {
  const folder = mkdtempSync(join(tmpdir(), 'mc-bench-disk-'));
  try {
    const started = process.hrtime.bigint();
    photos.forEach((photo, index) => {
      const fd = openSync(join(folder, `photo-${index}`), 'wx');
      writeSync(fd, photo);
      fsyncSync(fd);
      closeSync(fd);
    });
    return rates(photos, secondsSince(started));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The ceiling of any upload path that proves each photo whole before it
 * answers: the media service's inspection alone (sniff, header, decode into
 * the thumbnail, EXIF), CONNECTIONS photos at a time, no network and no disk.
 */
async function measureInspection(photos: Buffer[]): Promise<Throughput> {
  const inspector = new PhotoInspector(loadConfig({}));
  const usage = process.cpuUsage();
  const started = process.hrtime.bigint();
  await eachConcurrently(photos, (photo) => inspector.inspect(photo));
  const seconds = secondsSince(started);
  return { ...rates(photos, seconds), cpuMsPerPhoto: { inspection: cpuMsPerPhoto(process.cpuUsage(usage), photos.length) } };
}

function cpuMsPerPhoto(usage: NodeJS.CpuUsage, photos: number): number {
  return Math.round((usage.user + usage.system) / 100 / photos) / 10;
}

/** Runs `work` on every item, CONNECTIONS items at a time. */
async function eachConcurrently<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function rates(photos: Buffer[], seconds: number): Throughput {
  const bytes = photos.reduce((sum, photo) => sum + photo.length, 0);
  return { photosPerSecond: Math.round(photos.length / seconds), megabytesPerSecond: Math.round(bytes / 1e6 / seconds) };
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);
}

/** Uploads every body once, over CONNECTIONS keep-alive HTTPS connections, and times the whole run. */
async function uploadAll(
  system: RunningSystem,
  agent: Agent,
  token: string,
  bodies: Buffer[],
): Promise<{ seconds: number; latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const started = process.hrtime.bigint();
  await eachConcurrently(bodies, async (body) => {
    const sent = process.hrtime.bigint();
    const reply = await request(`${system.gatewayUrl}/api/v1/media`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body,
    });
    await reply.body.dump();
    if (reply.statusCode !== 201) failures++;
    latencies.push(secondsSince(sent) * 1000);
  });
  return { seconds: secondsSince(started), latencies, failures };
}

async function measureSystem(mode: SystemMode, warmUp: Buffer[], photos: Buffer[]): Promise<Throughput> {
  return withSystem({ mode }, async (system) => {
    const agent = new Agent({ connect: { ca: readFileSync(join(system.dataDir, 'tls', 'gateway.crt'), 'utf8') }, connections: CONNECTIONS });
    try {
      const { token } = await login(system, 'collector1', phone('android-bench-media'));
      await uploadAll(system, agent, token, warmUp.map(multipartBody));
      const bodies = photos.map(multipartBody);
      const meter = mode === 'split' ? new AppCpuMeter(system) : undefined;
      const usage = process.cpuUsage();
      meter?.start();
      const run = await uploadAll(system, agent, token, bodies);
      const shares = meter?.stop();
      const generator = cpuMsPerPhoto(process.cpuUsage(usage), photos.length);
      const apps = Object.fromEntries(
        Object.entries(shares ?? {}).map(([app, share]) => [app, Math.round((share * run.seconds * 10_000) / photos.length) / 10]),
      );
      const sorted = [...run.latencies].sort((a, b) => a - b);
      return {
        ...rates(photos, run.seconds),
        p50Ms: percentile(sorted, 50),
        p99Ms: percentile(sorted, 99),
        failures: run.failures,
        cpuMsPerPhoto: { ...apps, 'load generator': generator },
      };
    } finally {
      await agent.close();
    }
  });
}

/** CPU milliseconds per photo of each part of the five-process system, the load generator last, and their sum. */
function cpuBreakdown(split: Throughput): { parts: [string, number][]; total: number } {
  const parts = Object.entries(split.cpuMsPerPhoto ?? {}).filter(([, ms]) => ms > 0);
  return { parts, total: Math.round(parts.reduce((sum, [, ms]) => sum + ms, 0) * 10) / 10 };
}

/** Two measurements of the same work as one: all photos over all seconds. */
function combined(first: Throughput, second: Throughput, photos: number): Throughput {
  const seconds = photos / first.photosPerSecond + photos / second.photosPerSecond;
  const cpu = (first.cpuMsPerPhoto!.inspection + second.cpuMsPerPhoto!.inspection) / 2;
  return {
    photosPerSecond: Math.round((2 * photos) / seconds),
    megabytesPerSecond: Math.round(
      ((first.megabytesPerSecond / first.photosPerSecond + second.megabytesPerSecond / second.photosPerSecond) * photos) / seconds,
    ),
    cpuMsPerPhoto: { inspection: Math.round(cpu * 10) / 10 },
  };
}

export function mediaUploadBenchmark(): Benchmark {
  return {
    name: 'media',
    async run() {
      const base = await basePhoto();
      // Each run gets photos never seen before, so every upload is a real store (201), never a duplicate.
      const salt = randomBytes(4).readUInt32BE();
      const batch = (from: number, count: number) => Array.from({ length: count }, (_, i) => variantOf(base, salt + from + i));
      const anchor = measureDiskAnchor(batch(0, PHOTOS));
      // The ceiling is measured before and after the systems, so a machine busier during one half weighs on both sides.
      const before = await measureInspection(batch(0, PHOTOS));
      const single = await measureSystem('single', batch(1_000_000, WARM_UP), batch(2_000_000, PHOTOS));
      const split = await measureSystem('split', batch(3_000_000, WARM_UP), batch(4_000_000, PHOTOS));
      const inspection = combined(before, await measureInspection(batch(5_000_000, PHOTOS)), PHOTOS);
      const ofCeiling = (r: Throughput) => (r.photosPerSecond / inspection.photosPerSecond).toFixed(2);
      const { parts, total } = cpuBreakdown(split);
      const inspectionMs = inspection.cpuMsPerPhoto!.inspection;
      const generatorMs = split.cpuMsPerPhoto?.['load generator'];
      const row = (name: string, r: Throughput, ratio = '') => [
        name,
        r.photosPerSecond,
        r.megabytesPerSecond,
        ratio,
        r.p50Ms ?? '',
        r.p99Ms ?? '',
        r.failures ?? '',
      ];
      return {
        title: 'POST /api/v1/media: 300 KB photos stored',
        markdown: [
          `${PHOTOS} distinct ${Math.round(base.length / 1024)} KB JPEGs (1600x1200) per target, ${CONNECTIONS} keep-alive HTTPS connections, after ${WARM_UP} warm-up uploads. ` +
            'Each upload is parsed (multipart, in memory), its session checked (one message to the database service), and sent to the media service as raw ' +
            "bytes beside the JSON of the message (signed together on TCP with the bytes' SHA-256, which media reuses to check the declared hash; handed over " +
            "as they are in one process); media sniffs it, reads its header and EXIF, decodes every pixel (scaled to a thumbnail's size as they are read, " +
            'then dropped: the stored file is the original, never re-encoded), and writes two files (the original, then its summary), each to a temporary ' +
            'file, fsync, rename and a folder fsync, before the 201. The thumbnail is made when first asked for.',
          '',
          table(
            ['target', 'photos/s', 'MB/s', 'x ceiling', 'p50 ms', 'p99 ms', 'not 201'],
            [
              row('anchor: bare Node writing the same bytes with fsync, one file after another', anchor),
              row(
                'ceiling: inspection alone in the media service code (every pixel decoded, EXIF), no network, no disk; measured before and after the systems',
                inspection,
                '1.00',
              ),
              row('one process (inproc)', single, ofCeiling(single)),
              row('five processes (TCP)', split, ofCeiling(split)),
            ],
          ),
          '',
          `Five processes reach ${ofCeiling(split)}x the inspection ceiling's photos/s (goal: at least 0.8x).`,
          '',
          'CPU per photo, in milliseconds, read from /proc for each app of the five processes and from the process itself for the load generator and inspection alone:',
          '',
          table(
            ['inspection alone', ...parts.map(([part]) => part), 'five processes and load generator'],
            [[inspectionMs, ...parts.map(([, ms]) => ms), total]],
          ),
          '',
          `What limits them: CPU, the same two cores for everything. Inspection alone spends ${inspectionMs} ms of CPU on a photo (decoding every pixel is what proves ` +
            `it whole); the system spends ${total} ms on each, so it can reach at most about ${(inspectionMs / total).toFixed(2)}x the ceiling on this machine. ` +
            `The goal, 0.8x, leaves a quarter of the inspection time (about ${(inspectionMs / 4).toFixed(1)} ms) for everything else a photo costs, the load ` +
            `generator included, which alone spends ${generatorMs} ms sending 300 KB over TLS. Sampled with perf in five processes: media spends half its ` +
            "CPU in libvips' decode; the rest is the durable writes (creating the two files takes about 1 ms of a photo, nearly all of it ext4 searching " +
            'for a free inode past those freed in the last minutes, of which this machine has many, then 0.6 ms of fsync, the copy into the page cache and the thread pool waking ' +
            "for each call), and on its main thread (about 3 ms) the message's check (a SHA-256 of the photo, 0.25 ms, reused for the declared hash), Nest's " +
            "microservice pipeline, sharp's calls and the access log. The gateway's CPU is spread over TLS and the HTTP parser, the multipart parse and " +
            "multer's copy of the photo into one buffer (about a tenth, with the page faults of that new buffer), the photo's SHA-256 and the socket write " +
            'to media (a sixth), and Express, Nest and the async request context, no single item above a tenth; the session check is one message to the ' +
            'database service. Garbage collection is under a tenth of any app since every process starts with a heap allowance of 128 MB: V8 counts the ' +
            "buffers a photo passes through against it, and at 30 % of the gateway's 45 MB heap they started a full collection about every 25 uploads, " +
            "over a quarter of the gateway's CPU. Three runs of each, alternating on the same shared machine, spent a median 27.8 ms a photo " +
            'without that floor and 24.6 ms with it (gateway 8.2 and 5.6 ms, media 17.0 and 16.3 ms). ' +
            "What would reach 0.8x: a load generator on another machine, and the photo's " +
            'inspection and storage on cores of their own (a media host, or inspection after the 201 from a durable queue), so that TLS, parsing and the ' +
            'transport do not take turns with the decode. The machine is shared, so photos/s move from run to run with the load of others; the CPU per ' +
            'photo moves much less.',
        ].join('\n'),
        summary: [
          {
            figure: 'POST /api/v1/media, 300 KB photos, photos/s',
            oneProcess: single.photosPerSecond,
            fiveProcesses: split.photosPerSecond,
            anchor: { label: 'inspection alone (the ceiling)', value: inspection.photosPerSecond },
            goal: 'five processes at least 0.8x the inspection ceiling',
            met: split.photosPerSecond >= 0.8 * inspection.photosPerSecond,
          },
        ],
      };
    },
  };
}
