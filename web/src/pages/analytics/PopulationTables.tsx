/**
 * Population on 地域の分析: the figures the data has per area (the city's people aged 65+ and 75+ and persons certified
 * as needing care from the 介護保険事業状況報告, the 2020 census total of the city and each ward from a secondary
 * source), each with its 出典 and date, and the demand per 10,000 people. Missing figures read 「データなし」 (nothing is
 * estimated); a figure from a secondary source says so; a rate of a suppressed count shows the suppression mark.
 */
import { useTranslation } from 'react-i18next';
import type { AreaAnalytics, AreaFigures, PopulationFigure, RateCell } from '../../api/analytics';
import { DataTable } from '../../components/DataTable';
import type { DataSource } from '../../api/types';
import { useServerText } from '../../i18n/server-text';
import { sourceLines } from '../../components/source-lines';
import { areaName } from './AreaTables';
import { SuppressedMark } from './CountValue';

const tableClass = 'data-table stack-on-phone analytics-table';
const figures: readonly PopulationFigure[] = ['total', 'aged65plus', 'aged75plus', 'careCertified'];

function PopulationCell({ area, figure, label }: { area: AreaFigures; figure: PopulationFigure; label: string }) {
  const { t } = useTranslation('analytics');
  const value = area.demand.population[figure];
  const source = area.demand.population.sources.find((candidate) => candidate.figures.includes(figure));
  return (
    <td data-label={label} className="num">
      <div className="cell">
        {value === null ? (
          <span className="muted">{t('population.noData')}</span>
        ) : (
          <>
            {value.toLocaleString('ja-JP')}
            {source?.confidence === 'secondary' ? (
              <span className="analytics-secondary" title={t('population.secondaryTitle')}>
                {t('population.secondaryMark')}
              </span>
            ) : null}
          </>
        )}
      </div>
    </td>
  );
}

/** The population per area and, under it, every source with the figures and areas it gives, its date and licence. */
export function PopulationTable({ data }: { data: AreaAnalytics }) {
  const { t, i18n } = useTranslation('analytics');
  const { t: common } = useTranslation();
  const serverText = useServerText();
  const sourceLine = (source: DataSource) =>
    sourceLines([source], i18n.language === 'en' ? 'en' : 'ja', serverText.dataSource, (key, params) =>
      common(key, params),
    )[0];
  const nameOf = (code: string) => {
    const area = data.areas.find((candidate) => candidate.areaCode === code);
    return area ? areaName(area, t, i18n) : code;
  };
  const hasInsured = data.population.sources.some((source) => source.id === 'mhlw-kaigo-jigyo-jokyo');
  const withoutAge = data.areas.filter((area) => area.demand.population.aged65plus === null);
  return (
    <>
      <DataTable id="population-caption" caption={t('population.caption')} className={tableClass}>
        <thead>
          <tr>
            <th scope="col">{t('population.area')}</th>
            {figures.map((figure) => (
              <th scope="col" key={figure}>
                {t(`population.figure.${figure}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.areas.map((area) => (
            <tr key={area.areaCode}>
              <th scope="row">{areaName(area, t, i18n)}</th>
              {figures.map((figure) => (
                <PopulationCell key={figure} area={area} figure={figure} label={t(`population.figure.${figure}`)} />
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
      <div className="small analytics-population-sources">
        <p className="sources-title">{t('population.sourcesTitle')}</p>
        <ul>
          {data.population.sources.map((source) => {
            const line = sourceLine(source);
            return (
              <li key={source.id}>
                {t('population.sourceFigures', {
                  figures: source.figures.map((figure) => t(`population.figure.${figure}`)).join(t('population.join')),
                  areas: source.areaCodes.map(nameOf).join(t('population.join')),
                })}{' '}
                {line ? <span lang={line.lang}>{line.text}</span> : null}
                {source.confidence === 'secondary' ? <strong> {t('population.secondaryNote')}</strong> : null}
              </li>
            );
          })}
        </ul>
        {hasInsured ? <p className="muted">{t('population.insuredNote')}</p> : null}
        {withoutAge.length > 0 ? (
          <p className="muted">
            {t('population.noAgeNote', {
              areas: withoutAge.map((area) => areaName(area, t, i18n)).join(t('population.join')),
            })}
          </p>
        ) : null}
      </div>
    </>
  );
}

function RateValue({ cell, threshold, label }: { cell: RateCell; threshold: number; label: string }) {
  const { t } = useTranslation('analytics');
  return (
    <td data-label={label} className={cell.suppressed ? 'analytics-cell-suppressed num' : 'num'}>
      <div className="cell">
        {cell.suppressed ? (
          <SuppressedMark threshold={threshold} />
        ) : cell.value === null ? (
          t('none')
        ) : (
          cell.value.toLocaleString('ja-JP', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        )}
      </div>
    </td>
  );
}

const rateKeys = [
  'openCasesPerAged65plus',
  'recentlyDischargedPerAged65plus',
  'openCasesPerPopulation',
  'recentlyDischargedPerPopulation',
] as const;

/** Open and recently discharged cases per 10,000 people aged 65+ and per 10,000 people, per area. */
export function RatesTable({ data }: { data: AreaAnalytics }) {
  const { t, i18n } = useTranslation('analytics');
  const threshold = data.suppression.threshold;
  const per = data.areas[0]?.demand.rates.per ?? 10000;
  return (
    <>
      <DataTable
        id="rates-caption"
        caption={t('rates.caption', { per: per.toLocaleString('ja-JP') })}
        className={tableClass}
      >
        <thead>
          <tr>
            <th scope="col">{t('rates.area')}</th>
            {rateKeys.map((key) => (
              <th scope="col" key={key}>
                {t(`rates.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.areas.map((area) => (
            <tr key={area.areaCode}>
              <th scope="row">{areaName(area, t, i18n)}</th>
              {rateKeys.map((key) => (
                <RateValue key={key} cell={area.demand.rates[key]} threshold={threshold} label={t(`rates.${key}`)} />
              ))}
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="muted small">{t('rates.note', { per: per.toLocaleString('ja-JP') })}</p>
    </>
  );
}
