/** 日本語 / English: two toggle buttons; the choice is remembered (i18n/index.ts). */
import { useTranslation } from 'react-i18next';
import { currentLanguage, languages, setLanguage } from '../i18n';

const names = { ja: '日本語', en: 'English' } as const;

export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-button"
          aria-pressed={active === language}
          onClick={() => void setLanguage(language)}
        >
          {names[language]}
        </button>
      ))}
    </div>
  );
}
