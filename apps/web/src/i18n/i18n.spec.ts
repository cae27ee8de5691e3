import { describe, expect, it } from '@jest/globals';
import { en } from './en.js';
import { id } from './id.js';
import { preferredLanguage, rememberLanguage, translate } from './i18n.js';

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return { getItem: (key: string) => values.get(key) ?? null, setItem: (key: string, value: string) => void values.set(key, value) } as Storage;
}

describe('i18n', () => {
  it('has every text in both languages, with the same placeholders', () => {
    expect(Object.keys(id).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect([key, placeholders(id[key])]).toEqual([key, placeholders(en[key])]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'paging.range', { from: 1, to: 50, total: 120 })).toBe('1–50 of 120');
    expect(translate('id', 'paging.range', { from: 1, to: 50, total: 120 })).toBe('1–50 dari 120');
    expect(translate('en', 'visits.count', {})).toBe('{count} visits');
  });

  it("remembers the user's choice over the browser's languages, and defaults to Bahasa Indonesia", () => {
    const storage = memoryStorage();
    expect(preferredLanguage(storage, ['id-ID', 'en-US'])).toBe('id');
    expect(preferredLanguage(storage, ['en-GB'])).toBe('en');
    expect(preferredLanguage(storage, ['fr-FR'])).toBe('id');
    rememberLanguage(storage, 'id');
    expect(preferredLanguage(storage, ['en-GB'])).toBe('id');
    expect(preferredLanguage(undefined, [])).toBe('id');
  });
});
