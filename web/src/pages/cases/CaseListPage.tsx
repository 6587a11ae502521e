/**
 * 退院支援ケース一覧: the cases the caller may see (the hospital's own, the Center's consultations, a provider's
 * referrals and teams), with status, route, patient, planned discharge date, days left and the roles still open.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCaseList, useCaseTeam, useRefreshOnNotification } from '../../api/cases';
import { activeCaseStatuses, caseRoutes, caseStatuses, type CaseRoute, type CaseStatus } from '../../api/case-codes';
import type { CaseView } from '../../api/case-types';
import { formatDate } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/DataTable';
import { FilterSelect } from '../../components/FilterSelect';
import { ResultCount } from '../../components/ResultCount';
import { TextField } from '../../components/TextField';
import { CaseStatusBadge, DaysLeft, RouteBadge } from '../../components/cases/CaseBadges';
import { useServerText } from '../../i18n/server-text';
import '../../components/cases/cases.css';

function asStatus(value: string | null): CaseStatus | undefined {
  return caseStatuses.find((status) => status === value);
}

function asRoute(value: string | null): CaseRoute | undefined {
  return caseRoutes.find((route) => route === value);
}

/**
 * The roles still open (GET team per row): for a case being coordinated, and for one discharged with roles still
 * open — the patient is at home without them, which the list must not hide. A closed or cancelled case has none.
 */
function OpenRolesCell({ item }: { item: CaseView }) {
  const { t } = useTranslation('cases');
  const isShown = activeCaseStatuses.includes(item.status) || item.status === 'discharged';
  const team = useCaseTeam(item.id, { enabled: isShown && item.access === 'full' });
  if (!isShown) return <span className="muted">{t('caseList.ended')}</span>;
  if (item.access !== 'full') return <span className="muted">{t('caseList.notShown')}</span>;
  if (team.isPending) return <span className="muted">{t('common.loading')}</span>;
  if (team.isError) return <span className="muted">{t('caseList.unknown')}</span>;
  if (team.data.openRoles.length === 0) return <span>{t('caseList.allFilled')}</span>;
  return (
    <ul className="tag-list tag-list-open">
      {team.data.openRoles.map((open) => (
        <li key={open.role}>
          {t(`codes.teamRole.${open.role}`)}
          {open.pendingReferrals.length > 0 ? (
            <span className="visually-hidden">
              {t('caseList.pendingCount', { count: open.pendingReferrals.length })}
            </span>
          ) : null}
          {open.pendingReferrals.length > 0 ? (
            <span aria-hidden="true">{t('common.inParentheses', { text: open.pendingReferrals.length })}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function CaseListPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const serverText = useServerText();
  usePageTitle(t('caseList.title'));
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const query = {
    status: asStatus(params.get('status')),
    route: asRoute(params.get('route')),
    q: params.get('q') ?? undefined,
  };
  const [status, setStatus] = useState<string>(query.status ?? '');
  const [route, setRoute] = useState<string>(query.route ?? '');
  const [text, setText] = useState(query.q ?? '');
  const list = useCaseList(query);
  const rows = list.data?.items ?? [];

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status) next.set('status', status);
    if (route) next.set('route', route);
    if (text.trim()) next.set('q', text.trim());
    setParams(next);
  };

  return (
    <>
      <div className="page-heading">
        <h1>{t('caseList.title')}</h1>
        {me.role === 'hospital_liaison' ? (
          <Link to="/cases/new" className="button">
            {t('caseList.new')}
          </Link>
        ) : null}
      </div>
      <p className="lead">
        {t(
          `caseList.lead.${me.role === 'center_coordinator' ? 'center' : me.role === 'provider' ? 'provider' : 'hospital'}`,
        )}
      </p>
      <p className="small">
        <Link to={me.role === 'center_coordinator' ? '/center' : '/consultations'}>
          {me.role === 'center_coordinator' ? t('caseList.toCenter') : t('caseList.toDesk')}
        </Link>
      </p>

      <form className="search-form" onSubmit={submit} role="search" aria-label={t('caseList.filterLabel')}>
        <TextField
          label={t('caseList.query')}
          hint={t('caseList.queryHint')}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <FilterSelect
          label={t('caseList.status')}
          value={status}
          onChange={setStatus}
          options={caseStatuses.map((code) => ({ value: code, label: t(`codes.caseStatus.${code}`) }))}
        />
        <FilterSelect
          label={t('caseList.route')}
          value={route}
          onChange={setRoute}
          options={caseRoutes.map((code) => ({ value: code, label: t(`codes.route.${code}`) }))}
        />
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
      </form>

      <ErrorAlert error={list.error} />
      <ResultCount
        isPending={list.isPending}
        isSuccess={list.isSuccess}
        count={rows.length}
        none={t('caseList.noResults')}
        shown={t('caseList.shown', { count: rows.length })}
      />

      {rows.length > 0 ? (
        <DataTable id="case-list-caption" caption={t('caseList.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('caseList.patient')}</th>
              <th scope="col">{t('caseList.status')}</th>
              <th scope="col">{t('caseList.route')}</th>
              <th scope="col">{t('caseList.plannedDischarge')}</th>
              <th scope="col">{t('caseList.hospital')}</th>
              <th scope="col">{t('caseList.openRoles')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`/cases/${item.id}`}>
                    {item.access === 'full'
                      ? item.patient.name
                      : t('caseList.summaryPatient', {
                          ageBand: serverText.ageBand(item.ageBand),
                          sex: t(`codes.sex.${item.sex}`),
                          area: item.areaName ? serverText.wardName(item.areaName) : '',
                        })}
                  </Link>
                  {item.access === 'full' ? (
                    <span className="muted small case-list-sub">
                      {t('caseList.ageSex', { age: item.patient.age, sex: t(`codes.sex.${item.patient.sex}`) })}
                    </span>
                  ) : (
                    <span className="muted small case-list-sub">{t('caseList.summaryOnly')}</span>
                  )}
                </th>
                <td data-label={t('caseList.status')}>
                  <div className="cell">
                    <CaseStatusBadge status={item.status} />
                  </div>
                </td>
                <td data-label={t('caseList.route')}>
                  <div className="cell">
                    {item.access === 'full' ? <RouteBadge route={item.route} /> : t('general.none')}
                  </div>
                </td>
                <td data-label={t('caseList.plannedDischarge')}>
                  <div className="cell">
                    <span className="nowrap">{formatDate(item.plannedDischargeDate, i18n.language)}</span>{' '}
                    <DaysLeft date={item.plannedDischargeDate} isDone={!activeCaseStatuses.includes(item.status)} />
                  </div>
                </td>
                <td data-label={t('caseList.hospital')} className="case-list-hospital">
                  <div className="cell">{item.hospital.name}</div>
                </td>
                <td data-label={t('caseList.openRoles')}>
                  <div className="cell">
                    <OpenRolesCell item={item} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      {list.data?.nextCursor ? <p className="muted small">{t('caseList.more')}</p> : null}
    </>
  );
}
