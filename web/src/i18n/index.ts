/**
 * i18n: Japanese is the source and the default; the choice is kept in localStorage and mirrored
 * in <html lang> so that screen readers pronounce the page in the right language.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import ja from './ja.json';
import en from './en.json';
import jaDirectory from './ja/directory.json';
import enDirectory from './en/directory.json';
import jaPublic from './ja/public.json';
import enPublic from './en/public.json';
import jaCases from './ja/cases.json';
import enCases from './en/cases.json';
import jaRotations from './ja/rotations.json';
import enRotations from './en/rotations.json';
import jaMatching from './ja/matching.json';
import enMatching from './en/matching.json';
import jaAnalytics from './ja/analytics.json';
import enAnalytics from './en/analytics.json';
import jaServerText from './ja/server-text.json';
import enServerText from './en/server-text.json';

export const languages = ['ja', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'renkei.language';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return value === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'ja';
}

/** Switches the language, remembers it and updates <html lang>. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
  await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language === 'en' ? 'en' : 'ja';
});

void i18next.use(initReactI18next).init({
  resources: {
    ja: {
      translation: ja,
      directory: jaDirectory,
      public: jaPublic,
      cases: jaCases,
      rotations: jaRotations,
      matching: jaMatching,
      analytics: jaAnalytics,
      'server-text': jaServerText,
    },
    en: {
      translation: en,
      directory: enDirectory,
      public: enPublic,
      cases: enCases,
      rotations: enRotations,
      matching: enMatching,
      analytics: enAnalytics,
      'server-text': enServerText,
    },
  },
  // Feature namespaces (useTranslation('directory')) still reach the shared keys (codes.*, common.*).
  fallbackNS: 'translation',
  lng: storedLanguage(),
  fallbackLng: 'ja',
  interpolation: { escapeValue: false },
  returnNull: false,
});

document.documentElement.lang = currentLanguage();

export default i18next;
