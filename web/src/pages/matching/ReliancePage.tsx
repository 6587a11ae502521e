/**
 * 在宅医療の集中度 (/matching/reliance; the Center, the association, the city): per area, how concentrated the home
 * patients of a role are on few organisations (share of the largest one and three, HHI), the organisations above the
 * capacity they declared, and the monthly trend. Groups under the threshold (10), and wards that the city's total would
 * give back, are suppressed by the server: the cell says so. A ward with no patient reads 0, its shares and HHI 「—」.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../api/case-codes';
import { referableRoles, useReliance, type Concentration } from '../../api/matching';
import { formatDateTime, formatMonth } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { Badge } from '../../components/Badge';
import './matching.css';

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/** A suppressed cell: marked in words (and for screen readers), never an empty or zero value. */
function Suppressed() {
  const { t } = useTranslation('matching');
  return (
    <span className="suppressed" title={t('reliance.suppressedTitle')}>
      <span aria-hidden="true">{t('reliance.suppressedMark')}</span>
      {t('reliance.suppressed')}
    </span>
  );
}

function HhiLevel({ hhi }: { hhi: number }) {
  const { t } = useTranslation('matching');
  if (hhi > 2500) return <Badge tone="danger">{t('reliance.high')}</Badge>;
  if (hhi >= 1500) return <Badge tone="warning">{t('reliance.moderate')}</Badge>;
  return <Badge tone="ok">{t('reliance.low')}</Badge>;
}

/** A share or index: the value, 「—」 where there are no patients to share, the mark where it is suppressed. */
function ShareValue({
  value,
  area,
  format,
}: {
  value: number | null;
  area: Concentration;
  format: (value: number) => string;
}) {
  const { t } = useTranslation('matching');
  if (value !== null) return <>{format(value)}</>;
  return area.patients === 0 ? <span className="muted">{t('reliance.none')}</span> : <Suppressed />;
}

function AreaTable({ areas }: { areas: Concentration[] }) {
  const { t } = useTranslation('matching');
  const serverText = useServerText();
  return (
    <div className="table-wrap" role="region" aria-labelledby="areas-caption" tabIndex={0}>
      <table className="data-table stack-on-phone reliance-table">
        <caption id="areas-caption">{t('reliance.areasCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reliance.area')}</th>
            <th scope="col">{t('reliance.patients')}</th>
            <th scope="col">{t('reliance.organizations')}</th>
            <th scope="col">{t('reliance.top1')}</th>
            <th scope="col">{t('reliance.top3')}</th>
            <th scope="col">{t('reliance.hhi')}</th>
          </tr>
        </thead>
        <tbody>
          {areas.map((area) => (
            <tr key={area.areaCode} className={area.isSuppressed ? 'row-suppressed' : undefined}>
              <th scope="row">{serverText.areaName(area)}</th>
              {area.isSuppressed ? (
                <td colSpan={5} data-label={t('reliance.patients')}>
                  <div className="cell">
                    <Suppressed />
                  </div>
                </td>
              ) : (
                <>
                  <td data-label={t('reliance.patients')}>
                    <div className="cell">{area.patients}</div>
                  </td>
                  <td data-label={t('reliance.organizations')}>
                    <div className="cell">{area.organizations}</div>
                  </td>
                  <td data-label={t('reliance.top1')}>
                    <div className="cell">
                      <ShareValue value={area.top1Share} area={area} format={percent} />
                    </div>
                  </td>
                  <td data-label={t('reliance.top3')}>
                    <div className="cell">
                      <ShareValue value={area.top3Share} area={area} format={percent} />
                    </div>
                  </td>
                  <td data-label={t('reliance.hhi')}>
                    <div className="cell">
                      {area.hhi === null ? (
                        <ShareValue value={null} area={area} format={String} />
                      ) : (
                        <>
                          {area.hhi.toLocaleString('en-US')} <HhiLevel hhi={area.hhi} />
                        </>
                      )}
                    </div>
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReliancePage() {
  const { t, i18n } = useTranslation('matching');
  const serverText = useServerText();
  usePageTitle(t('reliance.title'));
  const [role, setRole] = useState<TeamRole>('primary_doctor');
  const reliance = useReliance(role);
  const data = reliance.data;
  const trendAreas = data?.trend[0]?.areas ?? [];

  return (
    <>
      <h1>{t('reliance.title')}</h1>
      <p className="lead">{t('reliance.lead')}</p>
      <div className="search-form" role="group" aria-label={t('reliance.filterLabel')}>
        <SelectField
          label={t('reliance.role')}
          value={role}
          onChange={(event) => setRole(event.target.value as TeamRole)}
        >
          {referableRoles.map((code) => (
            <option key={code} value={code}>
              {t(`roles.${code}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={reliance.error} />
      {reliance.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {data ? (
        <>
          <p className="muted">{t('reliance.asOf', { at: formatDateTime(data.asOf, i18n.language) })}</p>
          <div className="alert alert-info">
            <p>
              <span aria-hidden="true">{t('reliance.suppressedMark')}</span>
              {t('reliance.suppressionNote', { count: data.suppressBelow })}
            </p>
            <p>{t('reliance.hhiNote')}</p>
          </div>
          <AreaTable areas={data.areas} />

          <section className="section" aria-labelledby="over-title">
            <h2 id="over-title">{t('reliance.overTitle')}</h2>
            <p className="muted small">{t('reliance.overNote', { count: data.suppressBelow })}</p>
            {data.overCapacity.length === 0 ? (
              <p className="muted">{t('reliance.noneOver')}</p>
            ) : (
              <div className="table-wrap" role="region" aria-labelledby="over-caption" tabIndex={0}>
                <table className="data-table stack-on-phone">
                  <caption id="over-caption">{t('reliance.overCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('reliance.organization')}</th>
                      <th scope="col">{t('reliance.area')}</th>
                      <th scope="col">{t('reliance.declared')}</th>
                      <th scope="col">{t('reliance.load')}</th>
                      <th scope="col">{t('reliance.utilisation')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.overCapacity.map((row) => (
                      <tr key={row.organizationId}>
                        <th scope="row">
                          {row.name}
                          <span className="muted small block">{t(`codes.kind.${row.kind}`)}</span>
                        </th>
                        <td data-label={t('reliance.area')}>
                          <div className="cell">{row.areaName ? serverText.wardName(row.areaName) : '—'}</div>
                        </td>
                        <td data-label={t('reliance.declared')}>
                          <div className="cell">{t('reliance.people', { count: row.declaredCapacity })}</div>
                        </td>
                        <td data-label={t('reliance.load')}>
                          <div className="cell">{t('reliance.people', { count: row.load })}</div>
                        </td>
                        <td data-label={t('reliance.utilisation')}>
                          <div className="cell">{percent(row.utilisation)}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="section" aria-labelledby="trend-title">
            <h2 id="trend-title">{t('reliance.trendTitle')}</h2>
            <p className="muted small">{t('reliance.trendLead')}</p>
            <div className="table-wrap" role="region" aria-labelledby="trend-caption" tabIndex={0}>
              <table className="data-table reliance-trend">
                <caption id="trend-caption">{t('reliance.trendCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reliance.month')}</th>
                    {trendAreas.map((area) => (
                      <th scope="col" key={area.areaCode}>
                        {serverText.areaName(area)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.trend.map((month) => (
                    <tr key={month.month}>
                      <th scope="row" className="nowrap">
                        {formatMonth(month.month, i18n.language)}
                      </th>
                      {month.areas.map((area) => (
                        <td key={area.areaCode} className={area.isSuppressed ? 'cell-suppressed' : undefined}>
                          {area.patients === 0 ? (
                            <span className="muted">{t('reliance.people', { count: 0 })}</span>
                          ) : area.isSuppressed || area.patients === null ? (
                            <Suppressed />
                          ) : (
                            <>
                              <span className="block">
                                {area.hhi === null
                                  ? t('reliance.trendHhiHidden')
                                  : t('reliance.trendHhi', { hhi: area.hhi.toLocaleString('en-US') })}
                              </span>
                              <span className="muted small block">
                                {area.top1Share === null
                                  ? t('reliance.trendPatients', { count: area.patients })
                                  : t('reliance.trendTop1', {
                                      share: percent(area.top1Share),
                                      patients: area.patients,
                                      count: area.patients,
                                    })}
                              </span>
                            </>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
