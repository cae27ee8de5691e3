import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { AdminApiClient } from './admin-api.client.js';

export interface AdminLoginOptions {
  url: string;
  username: string;
  insecure: boolean;
}

/**
 * Logs in to the running system as an admin: the password from `CORE_PASSWORD`
 * or asked on the terminal (never an argument, which `ps` would show); the
 * gateway's self-signed certificate trusted from `DATA_DIR/tls` when there.
 */
export async function loginAsAdmin(options: AdminLoginOptions): Promise<AdminApiClient> {
  const password = process.env.CORE_PASSWORD ?? (await askPassword(options.username));
  const client = new AdminApiClient({ url: options.url, ca: gatewayCertificate(), insecure: options.insecure });
  try {
    await client.login(options.username, password);
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}

function gatewayCertificate(): string | undefined {
  const file = join(resolve(process.env.DATA_DIR ?? './data'), 'tls', 'gateway.crt');
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

async function askPassword(username: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('set CORE_PASSWORD, or run on a terminal to be asked for the password');
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = prompt.question(`password of ${username}: `);
    muted = true;
    return await answer;
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
}
