/**
 * 相談受付 (the Center): the consultations of hospitals (退院調整) and professionals (相談窓口) — how long each has
 * waited, why it is hard (期限までに調整がつかない for the automatic hand-on), the planned discharge date and days
 * left, who handles it; sortable by waiting time or discharge date; 「自分が担当」/「担当を外す」.
 */
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  consultationStatusFilters,
  useAssignConsultation,
  useCenterCoordinators,
  useCenterInbox,
  useRefreshOnNotification,
} from '../../api/cases';
import { consultationStatuses, type ConsultationStatus } from '../../api/case-codes';
import type { Consultation, ConsultationQuery } from '../../api/case-types';
import { formatDate, formatDateTime } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DataTable } from '../../components/DataTable';
import { FilterSelect } from '../../components/FilterSelect';
import { ResultCount } from '../../components/ResultCount';
import { LoadMore } from '../../components/LoadMore';
import { SelectField } from '../../components/SelectField';
import { Badge } from '../../components/Badge';
import { ConsultationStatusBadge, DischargedOn } from '../../components/cases/CaseBadges';
import { useServerText } from '../../i18n/server-text';
import '../../components/cases/cases.css';

type StatusFilter = 'active' | 'all' | ConsultationStatus;

function statusesOf(filter: StatusFilter): ConsultationStatus[] | undefined {
  if (filter === 'active' || filter === 'all') {
    const statuses = consultationStatusFilters[filter];
    return statuses ? [...statuses] : undefined;
  }
  return [filter];
}

export function ReasonBadges({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('cases');
  if (consultation.kind === 'general') return <Badge>{t('center.general')}</Badge>;
  return (
    <span className="badge-row">
      {consultation.reason === 'timeout' ? <Badge tone="danger">{t('codes.difficulty.timeout')}</Badge> : null}
      {consultation.difficulty
        .filter((reason) => !(consultation.reason === 'timeout' && reason === 'timeout'))
        .map((reason) => (
          <Badge key={reason} tone="warning">
            {t(`codes.difficulty.${reason}`)}
          </Badge>
        ))}
    </span>
  );
}

export function AssignButtons({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation('cases');
  const serverText = useServerText();
  const subject = serverText.consultationSubject(consultation);
  const me = useCurrentUser();
  const assign = useAssignConsultation();
  // Every hook before the early return: a consultation closed or reopened while shown changes which branch renders.
  const coordinators = useCenterCoordinators(me.role === 'center_coordinator');
  if (consultation.status === 'closed') return null;
  const isMine = consultation.assignedUserId === me.id;
  return (
    <span className="assign-buttons">
      {!isMine ? (
        <button
          type="button"
          className="button button-small"
          disabled={assign.isPending}
          onClick={() => assign.mutate({ id: consultation.id, userId: me.id, version: consultation.version })}
          aria-label={t('center.assignMeLabel', { subject })}
        >
          {t('center.assignMe')}
        </button>
      ) : null}
      {coordinators.data && coordinators.data.items.length > 1 ? (
        <select
          className="assign-select"
          value={consultation.assignedUserId ?? ''}
          disabled={assign.isPending}
          aria-label={t('center.assignToLabel', { subject })}
          onChange={(event) =>
            assign.mutate({ id: consultation.id, userId: event.target.value || null, version: consultation.version })
          }
        >
          <option value="">{t('center.unassigned')}</option>
          {coordinators.data.items.map((coordinator) => (
            <option key={coordinator.id} value={coordinator.id}>
              {coordinator.name}
            </option>
          ))}
        </select>
      ) : null}
      {consultation.assignedUserId ? (
        <button
          type="button"
          className="button button-small button-secondary"
          disabled={assign.isPending}
          onClick={() => assign.mutate({ id: consultation.id, userId: null, version: consultation.version })}
          aria-label={t('center.unassignLabel', { subject })}
        >
          {t('center.unassign')}
        </button>
      ) : null}
      <ErrorAlert error={assign.error} />
    </span>
  );
}

export function CenterInboxPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const serverText = useServerText();
  usePageTitle(t('center.title'));
  const [params, setParams] = useSearchParams();
  const status =
    (['active', 'all', ...consultationStatuses] as const).find((value) => value === params.get('status')) ?? 'active';
  const kind =
    params.get('kind') === 'case' || params.get('kind') === 'general'
      ? (params.get('kind') as 'case' | 'general')
      : undefined;
  const assigned =
    params.get('assigned') === 'me' || params.get('assigned') === 'unassigned'
      ? (params.get('assigned') as 'me' | 'unassigned')
      : undefined;
  const sort = params.get('sort') === 'plannedDischargeDate' ? 'plannedDischargeDate' : 'age';
  const query: ConsultationQuery = { status: statusesOf(status), kind, assigned, sort };
  const inbox = useCenterInbox(query);
  const rows = inbox.data?.pages.flatMap((page) => page.items) ?? [];

  const update = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <h1>{t('center.title')}</h1>
      <p className="lead">{t('center.lead')}</p>
      <div className="search-form" role="group" aria-label={t('center.filterLabel')}>
        <SelectField
          label={t('center.status')}
          value={status}
          onChange={(event) => update('status', event.target.value, 'active')}
        >
          <option value="active">{t('center.statusActive')}</option>
          {consultationStatuses.map((code) => (
            <option key={code} value={code}>
              {t(`codes.consultationStatus.${code}`)}
            </option>
          ))}
          <option value="all">{t('common.all')}</option>
        </SelectField>
        <FilterSelect
          label={t('center.kind')}
          value={kind ?? ''}
          onChange={(value) => update('kind', value, '')}
          options={[
            { value: 'case', label: t('center.kindCase') },
            { value: 'general', label: t('center.kindGeneral') },
          ]}
        />
        <FilterSelect
          label={t('center.assigned')}
          value={assigned ?? ''}
          onChange={(value) => update('assigned', value, '')}
          options={[
            { value: 'me', label: t('center.assignedMe') },
            { value: 'unassigned', label: t('center.assignedNone') },
          ]}
        />
        <SelectField
          label={t('center.sort')}
          value={sort}
          onChange={(event) => update('sort', event.target.value, 'age')}
        >
          <option value="age">{t('center.sortAge')}</option>
          <option value="plannedDischargeDate">{t('center.sortDischarge')}</option>
        </SelectField>
      </div>

      <ErrorAlert error={inbox.error} />
      <ResultCount
        isPending={inbox.isPending}
        isSuccess={inbox.isSuccess}
        count={rows.length}
        none={t('center.none')}
        shown={t('center.shown', { count: rows.length })}
      />

      {rows.length > 0 ? (
        <DataTable id="center-caption" caption={sort === 'age' ? t('center.captionAge') : t('center.captionDischarge')}>
          <thead>
            <tr>
              <th scope="col">{t('center.subject')}</th>
              <th scope="col">{t('center.reasons')}</th>
              {/* Oldest first: the received dates ascend down the list (the server orders by createdAt ascending). */}
              <th scope="col" aria-sort={sort === 'age' ? 'ascending' : undefined}>
                <button type="button" className="button-link" onClick={() => update('sort', 'age', 'age')}>
                  {t('center.received')}
                  {sort === 'age' ? <span aria-hidden="true"> ▲</span> : null}
                </button>
              </th>
              <th scope="col" aria-sort={sort === 'plannedDischargeDate' ? 'ascending' : undefined}>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => update('sort', 'plannedDischargeDate', 'age')}
                >
                  {t('center.discharge')}
                  {sort === 'plannedDischargeDate' ? <span aria-hidden="true"> ▲</span> : null}
                </button>
              </th>
              <th scope="col">{t('center.status')}</th>
              <th scope="col">{t('center.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((consultation) => (
              <tr key={consultation.id}>
                <th scope="row">
                  <Link to={`/center/consultations/${consultation.id}`}>
                    {consultation.patient ? consultation.patient.name : serverText.consultationSubject(consultation)}
                  </Link>
                  <span className="muted small case-list-sub">
                    {consultation.patient
                      ? [
                          consultation.patient.nameKana,
                          consultation.patient.age !== null
                            ? t('details.age', { age: consultation.patient.age, count: consultation.patient.age })
                            : null,
                          consultation.requesterName ?? t('general.notRecorded'),
                        ]
                          .filter(Boolean)
                          .join(t('center.metaSeparator'))
                      : (consultation.requesterName ?? t('general.notRecorded'))}
                  </span>
                </th>
                <td data-label={t('center.reasons')}>
                  <div className="cell">
                    <ReasonBadges consultation={consultation} />
                  </div>
                </td>
                <td data-label={t('center.received')}>
                  <div className="cell">
                    <span className="nowrap">{formatDateTime(consultation.createdAt, i18n.language)}</span>{' '}
                    <Badge tone={consultation.ageDays >= 2 && consultation.status === 'open' ? 'danger' : 'neutral'}>
                      {consultation.ageDays === 0
                        ? t('center.ageToday')
                        : t('center.ageDays', { count: consultation.ageDays })}
                    </Badge>
                  </div>
                </td>
                <td data-label={t('center.discharge')}>
                  <div className="cell">
                    {consultation.dischargedOn ? (
                      <DischargedOn date={consultation.dischargedOn} />
                    ) : consultation.plannedDischargeDate ? (
                      <>
                        <span className="nowrap">{formatDate(consultation.plannedDischargeDate, i18n.language)}</span>{' '}
                        {consultation.daysToDischarge !== null ? (
                          <Badge tone={consultation.daysToDischarge <= 3 ? 'danger' : 'neutral'}>
                            {consultation.daysToDischarge < 0
                              ? t('days.overdue', { count: -consultation.daysToDischarge })
                              : consultation.daysToDischarge === 0
                                ? t('days.today')
                                : t('days.left', { count: consultation.daysToDischarge })}
                          </Badge>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">{t('general.none')}</span>
                    )}
                  </div>
                </td>
                <td data-label={t('center.status')}>
                  <div className="cell">
                    <ConsultationStatusBadge status={consultation.status} />
                  </div>
                </td>
                <td data-label={t('center.assignee')}>
                  <div className="cell">
                    <span className="block">{consultation.assigneeName ?? t('center.unassigned')}</span>
                    <AssignButtons consultation={consultation} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <LoadMore
        hasNextPage={inbox.hasNextPage}
        isFetchingNextPage={inbox.isFetchingNextPage}
        onLoadMore={() => void inbox.fetchNextPage()}
      />
    </>
  );
}
