import { describe, expect, it } from '@jest/globals';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '#libs/runtime';
import { loadConfig } from './load-config.js';

/**
 * deploy/compose.yaml hands every app its environment through Compose's variable
 * interpolation from the operator's deploy/.env. These tests give it an .env
 * filled in from deploy/.env.example, as the README tells an operator to, and
 * hold what each app receives against the configuration loader.
 */

interface ComposeService {
  image?: string;
  healthcheck?: { test: string[] };
  environment?: Record<string, string | number>;
  secrets?: (string | { source: string })[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const deployDir = join(workspaceRoot(), 'deploy');
/** With YAML's merge keys (`<<: *app-env`), as Compose reads them. */
const compose = load(readFileSync(join(deployDir, 'compose.yaml'), 'utf8'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as ComposeFile;

/** The images built from this repository's Dockerfile: the five apps (and the migrate job on the database image). */
const appServices = Object.entries(compose.services).filter(([, service]) => service.image?.includes('mobile-collection}/'));

/** Compose's `${NAME}`, `${NAME:-default}`, `${NAME:?error}` and `$$`, the forms compose.yaml uses. */
function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (match, name: string, operator?: string, argument?: string) => {
    if (match === '$$') return '$';
    const set = vars[name] ?? '';
    if (operator === '-') return set === '' ? (argument ?? '') : set;
    if (operator === '?' && set === '') throw new Error(`required variable ${name} is missing a value: ${argument}`);
    return set;
  });
}

function environmentOf(service: ComposeService, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, interpolate(String(value), vars)]));
}

/** deploy/.env.example with its empty secrets filled as its comments say (`openssl rand -base64 48`, `-hex 32`). */
function operatorEnv(): Record<string, string> {
  const lines = readFileSync(join(deployDir, '.env.example'), 'utf8').split('\n');
  const vars = Object.fromEntries(lines.flatMap((line) => [/^([A-Z0-9_]+)=(.*)$/.exec(line)].flatMap((match) => (match ? [[match[1], match[2]]] : []))));
  return {
    ...vars,
    INTERNAL_KEY: randomBytes(48).toString('base64'),
    JWT_SECRET: randomBytes(48).toString('base64'),
    NATS_PASSWORD: randomBytes(32).toString('hex'),
    REDIS_PASSWORD: randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(32).toString('hex'),
  };
}

function serviceNamed(name: string): ComposeService {
  const service = compose.services[name];
  if (!service) throw new Error(`compose.yaml has no service ${name}`);
  return service;
}

describe('deploy/compose.yaml', () => {
  it('runs the five apps and the migrations from the one image', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['collector', 'database', 'gateway', 'media', 'migrate', 'ota']);
  });

  it.each(appServices.map(([name]) => name))('gives %s an environment the configuration loader accepts, on the broker', (name) => {
    const vars = operatorEnv();
    const config = loadConfig(environmentOf(serviceNamed(name), vars));
    expect(config.transport).toBe('nats');
    expect(config.internalKey).toBe(vars.INTERNAL_KEY);
    expect(config.mediaMaxBytes).toBe(Number(vars.MEDIA_MAX_BYTES));
  });

  it('gives the gateways the shared keys, certificate, Redis and the load balancer as their only trusted proxy', () => {
    const vars = operatorEnv();
    const gateway = serviceNamed('gateway');
    const config = loadConfig(environmentOf(gateway, vars));
    expect(config.jwtSecret).toBe(vars.JWT_SECRET);
    expect(config.redisUrl).toBe(`redis://:${vars.REDIS_PASSWORD}@redis:6379`);
    expect(config.trustedProxies).toEqual([vars.EDGE_SUBNET]);
    expect([config.tlsCert, config.tlsKey]).toEqual(['/run/secrets/tls_cert', '/run/secrets/tls_key']);
    expect(gateway.secrets).toEqual(['tls_cert', 'tls_key']);
  });

  it('gives ota the gateways’ token key and the address phones download from', () => {
    const vars = operatorEnv();
    const config = loadConfig(environmentOf(serviceNamed('ota'), vars));
    expect(config.jwtSecret).toBe(vars.JWT_SECRET);
    expect(config.ota.publicUrl).toBe(vars.OTA_PUBLIC_URL);
  });

  it('points the database service and the migrations at the same PostgreSQL database', () => {
    const vars = operatorEnv();
    const urls = ['database', 'migrate'].map((name) => {
      const config = loadConfig(environmentOf(serviceNamed(name), vars));
      expect(config.dbType).toBe('postgres');
      return config.dbUrl;
    });
    expect(urls).toEqual([`postgres://collection:${vars.POSTGRES_PASSWORD}@postgres:5432/collection`, urls[0]]);
  });

  it('names only variables that .env.example documents', () => {
    const documented = new Set(readFileSync(join(workspaceRoot(), '.env.example'), 'utf8').match(/^[A-Z0-9_]+(?==)/gm));
    const undocumented = appServices.flatMap(([name, service]) =>
      Object.keys(service.environment ?? {}).flatMap((variable) => (documented.has(variable) ? [] : [`${name}: ${variable}`])),
    );
    expect(undocumented).toEqual([]);
  });

  it.each(['collector', 'database', 'media'])('checks that %s holds a connection to the broker’s port', (name) => {
    const brokerPort = Number(new URL(environmentOf(serviceNamed(name), operatorEnv()).NATS_URL).port);
    const script = serviceNamed(name).healthcheck?.test.join(' ') ?? '';
    const [, hexPort] = /endsWith\(':([0-9A-F]{4})'\)/.exec(script) ?? [];
    expect(Number.parseInt(hexPort, 16)).toBe(brokerPort);
  });

  it.each(['INTERNAL_KEY', 'JWT_SECRET', 'NATS_PASSWORD', 'REDIS_PASSWORD', 'POSTGRES_PASSWORD', 'OTA_PUBLIC_URL'])(
    'refuses to start without %s in deploy/.env, naming it',
    (secret) => {
      const vars = { ...operatorEnv(), [secret]: '' };
      const refusals = Object.values(compose.services).flatMap((service) => {
        try {
          environmentOf(service, vars);
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      });
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.every((message) => message.includes(`required variable ${secret} is missing`))).toBe(true);
    },
  );
});

describe('deploy/nats/nats.conf', () => {
  it('lets the largest photo cross the broker in one message: base64 in JSON, with room for its envelope', () => {
    const conf = readFileSync(join(deployDir, 'nats', 'nats.conf'), 'utf8');
    const [, amount, unit] = /^max_payload:\s*(\d+)(MB|KB)?\s*$/m.exec(conf) ?? [];
    const maxPayload = Number(amount) * (unit === 'MB' ? 1024 * 1024 : unit === 'KB' ? 1024 : 1);
    const mediaMaxBytes = Number(operatorEnv().MEDIA_MAX_BYTES);
    const photoMessage = Math.ceil(mediaMaxBytes / 3) * 4 + 64 * 1024;
    expect(maxPayload).toBeGreaterThanOrEqual(photoMessage);
  });
});
