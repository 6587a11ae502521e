/**
 * What the maps write on themselves, in the language shown: the wards' names (「北区」 / "Kita Ward", as the search
 * pages and 地域の分析 name them, ward-names.ts) and the 出典 of the boundaries in the attribution line. The 出典 is
 * required by the data's licence: in Japanese it is the licence's own words (「出典：「国土数値情報（行政区域データ）」
 * （国土交通省）を加工して作成」); in English an English lead-in and the publisher, with the official Japanese title kept
 * as the title of the work and its English rendering beside it ("Ward boundaries — Source: Ministry of Land,
 * Infrastructure, Transport and Tourism, 「国土数値情報（行政区域データ）」 (“National Land Numerical Information:
 * administrative boundaries”), processed by Renkei"). Used by every Leaflet map (ResourceMap, the case form's
 * LocationPicker).
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../../api/queries';
import { useServerText, type DataSourceText } from '../../i18n/server-text';
import { wardNameIn } from '../public/ward-names';

type Translate = (key: string, params?: Record<string, string>) => string;

/** The official title in a 出典 line (「出典：「…」（…）を加工して作成」), or null when it names none. */
export function officialTitle(attribution: string): string | null {
  return /「([^」]+)」/.exec(attribution)?.[1] ?? null;
}

/**
 * The attribution line of the boundaries: each distinct 出典 once. `named` gives the English publisher and title of
 * a 出典 when they are known (null in Japanese, or for a source without English names).
 */
export function boundaryAttribution(
  attributions: readonly string[],
  language: string,
  named: (attribution: string) => DataSourceText['named'],
  t: Translate,
): string {
  const distinct = [...new Set(attributions.filter((text) => text.trim() !== ''))];
  if (distinct.length === 0) return '';
  if (language === 'ja') return distinct.join(' ');
  const parts = distinct.map((text) => {
    const english = named(text);
    const original = officialTitle(text);
    if (english && original)
      return t('mapSource.named', { publisher: english.publisher, original, title: english.title });
    // Without English names the Japanese 出典 is kept whole, after the English lead-in.
    return t('mapSource.unnamed', { text: text.replace(/^出典[：:]\s*/, '') });
  });
  return t('mapSource.boundaries', { sources: parts.join('; ') });
}

/** boundaryAttribution in the language shown, naming the sources the server lists (GET public/config). */
export function useBoundaryAttribution(attributions: readonly string[]): string {
  const { t, i18n } = useTranslation('public');
  const knownSources = usePublicConfig().data?.sources;
  const serverText = useServerText();
  return boundaryAttribution(
    attributions,
    i18n.language,
    (text) => {
      const source = knownSources?.find((candidate) => candidate.attribution === text);
      return source ? serverText.dataSource(source).named : null;
    },
    (key, params) => t(key, params),
  );
}

/** A boundary feature's properties as they may arrive (Leaflet gives them untyped). */
export type WardLabelProperties = { code?: unknown; name?: unknown; fullName?: unknown } | null | undefined;

/** A ward's label on a map from a boundary feature's properties, in the language shown; '' without a name. */
export function wardLabel(i18n: I18n, properties: WardLabelProperties): string {
  const name = properties?.name;
  if (typeof name !== 'string') return '';
  const code = properties?.code;
  if (typeof code !== 'string') return name;
  const fullName = typeof properties?.fullName === 'string' ? properties.fullName : name;
  return wardNameIn(i18n, { code, name, fullName });
}
