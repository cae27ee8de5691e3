import { describe, expect, it } from '@jest/globals';
import * as contract from './index.js';
import type { MessageDef } from './message.js';

const KEBAB = '[a-z]+(?:-[a-z]+)*';
const PATTERN = new RegExp(`^(collector|database|media|ota)\\.${KEBAB}\\.${KEBAB}$`);

function isMessage(value: unknown): value is MessageDef<unknown, unknown> {
  return typeof value === 'object' && value !== null && 'pattern' in value && 'service' in value;
}

const groups = Object.entries(contract as Record<string, unknown>).filter(
  (entry): entry is [string, Record<string, unknown>] => typeof entry[1] === 'object' && entry[1] !== null && Object.values(entry[1]).some(isMessage),
);
const messages = groups.flatMap(([group, definitions]) =>
  Object.entries(definitions)
    .filter((entry): entry is [string, MessageDef<unknown, unknown>] => isMessage(entry[1]))
    .map(([name, message]) => ({ name: `${group}.${name}`, message })),
);

describe('message patterns', () => {
  it('finds every message group of the contract', () => {
    expect(groups.length).toBeGreaterThanOrEqual(18);
  });

  it.each(messages.map(({ name, message }) => [name, message.pattern]))('%s is <service>.<group>.<action> in kebab-case (%s)', (_name, pattern) => {
    expect(pattern).toMatch(PATTERN);
  });

  it('starts each pattern with the service that answers it', () => {
    expect(messages.filter(({ message }) => !message.pattern.startsWith(`${message.service}.`))).toEqual([]);
  });

  it('gives each message its own pattern', () => {
    const patterns = messages.map(({ message }) => message.pattern);
    expect(patterns.filter((pattern, index) => patterns.indexOf(pattern) !== index)).toEqual([]);
  });

  it('names every group of database messages a store', () => {
    const databaseGroups = groups.filter(([, definitions]) => Object.values(definitions).every((value) => !isMessage(value) || value.service === 'database'));
    expect(databaseGroups.map(([group]) => group).filter((group) => !group.endsWith('Store'))).toEqual([]);
  });
});
