/**
 * 輪番 (/rotations): the rotation groups the signed-in user runs (medical association) or takes part in (clinic).
 * A clinic first sees its own coming duties across the published rosters of its groups, each with its calendar
 * file (.ics); the association creates groups and goes on to generate rosters from a group's page.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  calendarUrl,
  shiftOrder,
  useRostersOfGroups,
  useRosters,
  useRotationGroups,
  type Duty,
  type Roster,
} from '../../api/rotations';
import { useAreas } from '../../api/queries';
import { formatTimeRange } from '../../format';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ShiftLabel, longDate, periodLabel } from './parts';
import { todayInTokyo } from './calendar';
import { useWardName } from '../../components/public/ward-names';
import './rotations.css';

const shownDuties = 12;

function MyDuties({ groupIds, organizationId }: { groupIds: string[]; organizationId: string }) {
  const { t, i18n } = useTranslation('rotations');
  const today = todayInTokyo();
  const lists = useRostersOfGroups(groupIds);
  const current = lists
    .flatMap((list) => list.data?.items ?? [])
    .filter((roster) => roster.status === 'published' && roster.to >= today)
    .sort((a, b) => a.from.localeCompare(b.from));
  const rosters = useRosters(current.map((roster) => roster.id));
  const loaded = rosters.flatMap((query) => (query.data ? [query.data] : []));
  const duties: { duty: Duty; roster: Roster }[] = loaded
    .flatMap((roster) => roster.duties.map((duty) => ({ duty, roster })))
    .filter(({ duty }) => duty.organizationId === organizationId && duty.date >= today)
    .sort((a, b) => a.duty.date.localeCompare(b.duty.date) || shiftOrder[a.duty.shift] - shiftOrder[b.duty.shift]);
  const isLoading = lists.some((list) => list.isPending) || rosters.some((query) => query.isPending);
  const error = [...lists, ...rosters].find((query) => query.error)?.error ?? null;

  return (
    <section className="section" aria-labelledby="my-duties-title">
      <h2 id="my-duties-title">{t('home.myDuties')}</h2>
      <ErrorAlert error={error} />
      {isLoading ? <p>{t('common.loading')}</p> : null}
      {!isLoading && duties.length === 0 ? <p className="muted">{t('home.noDuties')}</p> : null}
      {duties.length > 0 ? (
        <ul className="duty-list" aria-label={t('home.myDutiesList')}>
          {duties.slice(0, shownDuties).map(({ duty, roster }) => (
            <li key={duty.id}>
              <span className="duty-date">{longDate(duty.date, i18n.language)}</span>
              <ShiftLabel shift={duty.shift} />
              <span className="muted small">{formatTimeRange(duty.startsAt, duty.endsAt, t, i18n.language)}</span>
              <Link to={`/rotations/rosters/${roster.id}`}>{roster.groupName}</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {duties.length > shownDuties ? (
        <p className="muted small">{t('home.moreDuties', { count: duties.length - shownDuties })}</p>
      ) : null}
      {loaded.length > 0 ? (
        <>
          <h3 className="subheading">{t('home.calendarFiles')}</h3>
          <ul className="link-list">
            {loaded.map((roster) => (
              <li key={roster.id}>
                <a href={calendarUrl(roster.id, organizationId)} download>
                  {t('home.calendarFile', {
                    group: roster.groupName,
                    period: periodLabel(roster.from, roster.to, i18n.language),
                  })}
                </a>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('home.calendarHint')}</p>
        </>
      ) : null}
    </section>
  );
}

export function RotationsPage() {
  const { t } = useTranslation('rotations');
  const me = useCurrentUser();
  usePageTitle(t('home.title'));
  const groups = useRotationGroups();
  const areas = useAreas();
  const wardName = useWardName();
  const areaName = (code: string) => {
    const area = areas.data?.items.find((candidate) => candidate.code === code);
    return area ? wardName(area) : code;
  };
  const items = groups.data?.items ?? [];
  const canCreate = me.role === 'association_admin' || me.role === 'admin';

  return (
    <>
      <div className="page-heading">
        <h1>{t('home.title')}</h1>
        {canCreate ? (
          <Link className="button" to="/rotations/groups/new">
            {t('home.createGroup')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{canCreate ? t('home.leadAssociation') : t('home.leadClinic')}</p>

      {me.role === 'provider' && me.organizationId && items.length > 0 ? (
        <MyDuties groupIds={items.map((group) => group.id)} organizationId={me.organizationId} />
      ) : null}

      <section className="section" aria-labelledby="groups-title">
        <h2 id="groups-title">{t('home.groups')}</h2>
        <ErrorAlert error={groups.error} />
        {groups.isPending ? <p>{t('common.loading')}</p> : null}
        {groups.isSuccess && items.length === 0 ? (
          <p className="muted">{canCreate ? t('home.noGroupsAssociation') : t('home.noGroupsClinic')}</p>
        ) : null}
        {items.length > 0 ? (
          <div className="table-wrap" role="region" aria-labelledby="groups-caption" tabIndex={0}>
            <table className="data-table stack-on-phone">
              <caption id="groups-caption">{t('home.groupsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('group.name')}</th>
                  <th scope="col">{t('group.area')}</th>
                  <th scope="col">{t('group.memberCount')}</th>
                  <th scope="col">{t('group.doctorCount')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((group) => (
                  <tr key={group.id}>
                    <th scope="row">
                      <Link to={`/rotations/groups/${group.id}`}>{group.name}</Link>
                    </th>
                    <td data-label={t('group.area')}>{areaName(group.areaCode)}</td>
                    <td data-label={t('group.memberCount')}>{t('group.clinics', { count: group.memberCount })}</td>
                    <td data-label={t('group.doctorCount')}>{t('group.doctors', { count: group.doctorCount })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}
