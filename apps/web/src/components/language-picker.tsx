import { LANGUAGES, translate, type Language } from '../i18n/i18n.js';

const NAMES: Record<Language, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function LanguagePicker({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  return (
    <label class="language">
      <span>{translate(language, 'app.language')}</span>
      <select value={language} onChange={(event) => onLanguage((event.currentTarget as HTMLSelectElement).value as Language)}>
        {LANGUAGES.map((choice) => (
          <option key={choice} value={choice} lang={choice}>
            {NAMES[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
