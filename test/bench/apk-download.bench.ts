import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormData } from 'undici';
import { API_DEMOS, API_DEMOS_APK } from '../support/apk-fixtures.js';
import { login } from '../support/demo-users.js';
import { freePorts } from '../support/free-ports.js';
import { waitFor } from '../support/wait-for.js';
import type { RunningSystem } from '../support/system-harness.js';
import { measureTransfer, table, withSystem, type Benchmark, type TransferResult } from './bench-kit.js';

const CLIENTS = [1, 16];
const DOWNLOADS = 400;

/** Debian's nginx, installed when the machine has none. */
function ensureNginx(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (found) return found;
  process.stdout.write('installing nginx (Debian package) for the comparison...\n');
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'nginx']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed; install nginx to run this benchmark`);
  }
  return '/usr/sbin/nginx';
}

/** nginx with one worker (the ota app is one Node process) and sendfile, serving a copy of the release file. */
async function startNginx(file: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const binary = ensureNginx();
  const [port] = await freePorts(1);
  const prefix = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  // nginx's worker drops root for an unprivileged user, which must be able to read the file.
  chmodSync(prefix, 0o755);
  const root = join(prefix, 'www');
  mkdirSync(root, { mode: 0o755 });
  copyFileSync(file, join(root, 'app-release.apk'));
  chmodSync(join(root, 'app-release.apk'), 0o644);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  types { application/vnd.android.package-archive apk; }
  client_body_temp_path ${prefix}; proxy_temp_path ${prefix}; fastcgi_temp_path ${prefix}; uwsgi_temp_path ${prefix}; scgi_temp_path ${prefix};
  server { listen 127.0.0.1:${port}; root ${root}; }
}
`,
  );
  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', conf], { stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}/app-release.apk`;
  await waitFor(
    () =>
      fetch(url).then(
        () => true,
        () => false,
      ),
    (answered) => answered,
    5000,
  );
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

async function publishApiDemos(system: RunningSystem): Promise<{ fileName: string }> {
  const { token } = await login(system, 'admin');
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(readFileSync(API_DEMOS_APK))]), 'app-release.apk');
  const reply = await system.otaRequest('/api/v1/ota/releases', { method: 'POST', token, body: form as unknown as BodyInit });
  if (reply.status !== 201) throw new Error(`publishing failed: ${reply.status} ${reply.text}`);
  return reply.body;
}

async function measureDownloads(url: string): Promise<TransferResult[]> {
  const results: TransferResult[] = [];
  for (const clients of CLIENTS) results.push(await measureTransfer(url, { clients, downloads: DOWNLOADS }));
  return results;
}

/** Throughput of GET /apk/coll/app-release.apk from the ota process, beside nginx serving the same file. */
export const apkDownloadBenchmark: Benchmark = {
  name: 'ota',
  async run() {
    const [ota, nginx] = await withSystem({ mode: 'split', env: { OTA_PACKAGE: API_DEMOS.packageName, LOG_LEVEL: 'warn' } }, async (system) => {
      const release = await publishApiDemos(system);
      const fromOta = await measureDownloads(`${system.otaUrl}/apk/coll/app-release.apk`);
      const server = await startNginx(join(system.dataDir, 'ota', 'releases', release.fileName));
      try {
        return [fromOta, await measureDownloads(server.url)];
      } finally {
        await server.stop();
      }
    });
    const rows = CLIENTS.flatMap((clients, index) =>
      [
        ['nginx (1 worker, sendfile)', nginx[index]],
        ['ota app (express send, 1 MiB reads)', ota[index]],
      ].map(([server, result]) => {
        const { megabytesPerSecond, downloads, failures } = result as TransferResult;
        return [server as string, clients, megabytesPerSecond, downloads, failures];
      }),
    );
    const ratios = CLIENTS.map(
      (clients, index) => `${(ota[index].megabytesPerSecond / nginx[index].megabytesPerSecond).toFixed(2)}x with ${clients} client${clients > 1 ? 's' : ''}`,
    );
    return {
      title: 'GET /apk/coll/app-release.apk: APK downloads beside nginx',
      markdown: [
        `curl over plain HTTP on loopback, ${DOWNLOADS} downloads of the ${(readFileSync(API_DEMOS_APK).length / 1e6).toFixed(1)} MB ApiDemos APK per row, one client after another or 16 at once on keep-alive connections. The ota app runs as its own process (five-process mode); nginx serves the same file in the same run.`,
        '',
        table(['server', 'clients', 'MB/s', 'downloads', 'failed'], rows),
        '',
        `The ota app reaches ${ratios.join(' and ')} of nginx's throughput (goal: at least 0.7x).`,
        '',
        'What limits them: on loopback there is no network, so each figure is CPU per byte on two cores shared by the server and the one curl process that downloads. nginx hands the file to the kernel with sendfile; the ota app reads it through user space in 1 MiB chunks (with the default 64 KiB reads a Node stream stays far below nginx). With 16 clients curl itself is the bottleneck, which is why neither server gains from concurrency and the two may swap places from run to run.',
      ].join('\n'),
      summary: CLIENTS.map((clients, index) => ({
        figure: `APK download, ${clients} client${clients > 1 ? 's' : ''}, MB/s`,
        fiveProcesses: ota[index].megabytesPerSecond,
        anchor: { label: 'nginx', value: nginx[index].megabytesPerSecond },
        goal: 'at least 0.7x nginx',
        met: ota[index].megabytesPerSecond >= 0.7 * nginx[index].megabytesPerSecond,
      })),
    };
  },
};
