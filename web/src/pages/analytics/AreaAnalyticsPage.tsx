/**
 * 地域の分析 (/analytics; the city, and the association, the Center and the operator who may read the same figures):
 * per ward, the supply of home care (organisations by kind, acceptance status and how stale it is) against demand
 * (discharge cases per role, procedure and patient group), where discharges get stuck, and the population with its
 * 出典 and demand per 10,000 people — from GET /api/v1/analytics/areas. Small groups of people are suppressed by the
 * server; each such cell shows the mark and the note says why.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultRecentDays, recentDaysChoices, useAreaAnalytics, type AreaAnalytics } from '../../api/analytics';
import { usePublicConfig } from '../../api/queries';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SourceLines } from '../../components/SourceLines';
import { publicDataSources } from '../../components/directory/sources';
import {
  areaName,
  CapabilitiesTable,
  CapacityByKindTable,
  CapacityTable,
  DemandTable,
  KindsTable,
  NeedsTable,
  RolesTable,
} from './AreaTables';
import { PopulationTable, RatesTable } from './PopulationTables';
import './analytics.css';

function Notes({ data }: { data: AreaAnalytics }) {
  const { t } = useTranslation('analytics');
  const threshold = data.suppression.threshold;
  return (
    <section className="alert alert-info analytics-notes" aria-labelledby="notes-title">
      <h2 id="notes-title" className="sources-title">
        {t('notes.title')}
      </h2>
      <p>{t('notes.suppression', { count: threshold, max: threshold - 1 })}</p>
      <p>{t('notes.organizations')}</p>
      <p>{t('notes.stale', { days: data.staleAfterDays, count: data.staleAfterDays })}</p>
      <p>{data.areaLevels.hasDistricts ? t('notes.areaLevelsWithDistricts') : t('notes.areaLevels')}</p>
      <p>{data.population.isAvailable ? t('notes.populationAvailable') : t('notes.population')}</p>
    </section>
  );
}

/** The breakdown of one area: per team role, per kind, per procedure and per patient group. */
function AreaBreakdown({ data, areaCode }: { data: AreaAnalytics; areaCode: string }) {
  const area = data.areas.find((candidate) => candidate.areaCode === areaCode) ?? data.areas[0];
  if (!area) return null;
  const threshold = data.suppression.threshold;
  return (
    <>
      <RolesTable area={area} threshold={threshold} />
      <CapacityByKindTable area={area} />
      <NeedsTable area={area} threshold={threshold} kind="procedures" />
      <NeedsTable area={area} threshold={threshold} kind="groups" />
    </>
  );
}

export function AreaAnalyticsPage() {
  const { t, i18n } = useTranslation('analytics');
  usePageTitle(t('title'));
  const [recentDays, setRecentDays] = useState<number>(defaultRecentDays);
  const [areaCode, setAreaCode] = useState('');
  const figures = useAreaAnalytics(recentDays);
  const config = usePublicConfig();
  const data = figures.data;
  const selectedArea = areaCode || (data?.areas[0]?.areaCode ?? '');

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className="search-form" role="group" aria-label={t('filterLabel')}>
        <SelectField
          label={t('period')}
          value={String(recentDays)}
          onChange={(event) => setRecentDays(Number(event.target.value))}
        >
          {recentDaysChoices.map((days) => (
            <option key={days} value={days}>
              {t('periodOption', { count: days })}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={figures.error} />
      {figures.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {data ? (
        <>
          <p className="muted" role="status">
            {figures.isPlaceholderData
              ? t('updating')
              : t('asOf', { at: formatDateTime(data.asOf, i18n.language), days: data.recentDays })}
          </p>
          <Notes data={data} />

          <section className="section" aria-labelledby="supply-title">
            <h2 id="supply-title">{t('sections.supply')}</h2>
            <KindsTable areas={data.areas} />
            <CapabilitiesTable areas={data.areas} />
            <CapacityTable areas={data.areas} />
          </section>

          <section className="section" aria-labelledby="demand-title">
            <h2 id="demand-title">{t('sections.demand')}</h2>
            <DemandTable data={data} />
          </section>

          {data.population.isAvailable ? (
            <section className="section" aria-labelledby="population-title">
              <h2 id="population-title">{t('sections.population')}</h2>
              <PopulationTable data={data} />
              <RatesTable data={data} />
            </section>
          ) : null}

          <section className="section" aria-labelledby="detail-title">
            <h2 id="detail-title">{t('detail.title')}</h2>
            <div className="search-form">
              <SelectField
                label={t('detail.area')}
                value={selectedArea}
                onChange={(event) => setAreaCode(event.target.value)}
              >
                {data.areas.map((area) => (
                  <option key={area.areaCode} value={area.areaCode}>
                    {areaName(area, t, i18n, 'fullName')}
                  </option>
                ))}
              </SelectField>
            </div>
            <AreaBreakdown data={data} areaCode={selectedArea} />
          </section>
        </>
      ) : null}
      <p className="muted small">{t('source.data')}</p>
      <SourceLines sources={publicDataSources(config.data?.sources ?? [])} />
    </>
  );
}
