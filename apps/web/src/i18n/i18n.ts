import { en, type MessageKey } from './en.js';
import { id } from './id.js';

export type Language = 'id' | 'en';
export const LANGUAGES: Language[] = ['id', 'en'];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, id };
const STORAGE_KEY = 'monitoring.language';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The text of `key` in `language`, with `{name}` placeholders filled from `values`. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The user's remembered choice, else the browser's preference; Bahasa Indonesia by default. */
export function preferredLanguage(storage: Pick<Storage, 'getItem'> | undefined, browserLanguages: readonly string[]): Language {
  const stored = storage?.getItem(STORAGE_KEY);
  if (stored === 'id' || stored === 'en') return stored;
  return browserLanguages.some((tag) => tag.toLowerCase().startsWith('en')) && !browserLanguages.some((tag) => tag.toLowerCase().startsWith('id'))
    ? 'en'
    : 'id';
}

export function rememberLanguage(storage: Pick<Storage, 'setItem'>, language: Language): void {
  storage.setItem(STORAGE_KEY, language);
}
