/**
 * A ward's name in the language shown. The server names the wards in Japanese (「北区」, 「岡山市北区」); in another
 * language the name comes from i18n/<lang>/public.json `wardNames.<code>` ("Kita Ward"), and a ward without one
 * keeps the server's name. Used wherever the page offers wards as choices or names the ward searched.
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';

export type NamedWard = { code: string; name: string; fullName: string };

export function wardNameIn(i18n: I18n, ward: NamedWard, form: 'name' | 'fullName' = 'name'): string {
  if (i18n.language === 'ja') return ward[form];
  const key = `wardNames.${ward.code}.${form}`;
  return i18n.exists(key, { ns: 'public' }) ? i18n.t(key, { ns: 'public' }) : ward[form];
}

/**
 * The city's name (「岡山市」) in the language shown: analytics.json `cityName` ("Okayama City"), the name the area
 * analysis uses. Any other name is kept as the server wrote it.
 */
export function cityNameIn(i18n: I18n, name: string): string {
  const key = 'cityName';
  if (i18n.language === 'ja' || i18n.getResource('ja', 'analytics', key) !== name) return name;
  return i18n.exists(key, { ns: 'analytics' }) ? i18n.t(key, { ns: 'analytics' }) : name;
}

/** wardNameIn bound to the current language (re-rendered when it changes). */
export function useWardName(): (ward: NamedWard, form?: 'name' | 'fullName') => string {
  const { i18n } = useTranslation('public');
  return (ward, form = 'name') => wardNameIn(i18n, ward, form);
}
