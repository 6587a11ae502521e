/**
 * One rotation group (/rotations/groups/:id): its member clinics with what each declared (doctors, weekdays, dates
 * and shifts it cannot take, preferred weekdays), editable by the clinic itself or the association; the group's
 * rules; its rosters; and, for the association, generating a roster for a month, a quarter or a year.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import {
  shiftKinds,
  useDeclareMember,
  useGroupRosters,
  useRotationGroup,
  useUpdateGroup,
  type GroupMember,
  type MemberDeclaration,
  type RotationGroup,
  type ShiftKind,
} from '../../api/rotations';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { TextAreaField } from '../../components/cases/TextAreaField';
import {
  DateListField,
  RosterStatusBadge,
  WeekdayCheckboxes,
  formatNumber,
  longDate,
  useDutyText,
  periodLabel,
  useRevealOnOpen,
} from './parts';
import { RulesFields, rulesDraftOf, rulesRequest, type RulesDraft } from './RulesFields';
import { GenerateRosterForm } from './GenerateRosterForm';
import { useServerText } from '../../i18n/server-text';
import './rotations.css';

function DeclarationForm({
  group,
  member,
  onDone,
}: {
  group: RotationGroup;
  member: GroupMember;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('rotations');
  const dutyText = useDutyText();
  const declare = useDeclareMember(group.id);
  const [doctorCount, setDoctorCount] = useState(String(member.doctorCount));
  const [unavailableWeekdays, setUnavailableWeekdays] = useState(member.unavailableWeekdays);
  const [unavailableDates, setUnavailableDates] = useState(member.unavailableDates);
  const [unavailableShifts, setUnavailableShifts] = useState<ShiftKind[]>(member.unavailableShifts);
  const [preferredWeekdays, setPreferredWeekdays] = useState(member.preferredWeekdays);
  const [note, setNote] = useState(member.note ?? '');
  const [doctorError, setDoctorError] = useState<string | undefined>();
  const heading = useRevealOnOpen<HTMLHeadingElement>();
  const name = member.organization.name;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const doctors = Number(doctorCount);
    if (!Number.isInteger(doctors) || doctors < 1 || doctors > 50) {
      setDoctorError(t('declaration.doctorCountInvalid'));
      return;
    }
    setDoctorError(undefined);
    const body: MemberDeclaration = {
      doctorCount: doctors,
      unavailableWeekdays,
      unavailableDates,
      unavailableShifts,
      preferredWeekdays,
      note: note.trim() === '' ? null : note.trim(),
    };
    declare.mutate(
      { organizationId: member.organization.id, version: group.version, body },
      {
        onSuccess: (saved) =>
          onDone(
            saved.dutiesToHandOver.length > 0
              ? t('declaration.savedWithDuties', {
                  name,
                  count: saved.dutiesToHandOver.length,
                  duties: saved.dutiesToHandOver.map(dutyText).join(t('translation:common.listSeparator')),
                })
              : t('declaration.saved', { name }),
          ),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="card declaration-form" aria-labelledby="declaration-title">
      <h3 id="declaration-title" ref={heading} tabIndex={-1}>
        {t('declaration.title', { name })}
      </h3>
      <p className="field-hint">{t('declaration.lead')}</p>
      <TextField
        label={t('declaration.doctorCount')}
        hint={t('declaration.doctorCountHint')}
        type="number"
        inputMode="numeric"
        min={1}
        max={50}
        className="field-short"
        value={doctorCount}
        onChange={(event) => setDoctorCount(event.target.value)}
        error={doctorError ?? (isApiError(declare.error) ? declare.error.detailFor('doctorCount') : undefined)}
      />
      <WeekdayCheckboxes
        legend={t('declaration.unavailableWeekdays')}
        selected={unavailableWeekdays}
        onChange={setUnavailableWeekdays}
      />
      <DateListField
        legend={t('declaration.unavailableDates')}
        hint={t('declaration.unavailableDatesHint')}
        dates={unavailableDates}
        onChange={setUnavailableDates}
      />
      <CheckboxGroup
        legend={t('declaration.unavailableShifts')}
        options={shiftKinds.map((shift) => ({ value: shift, label: t(`shift.${shift}`) }))}
        selected={unavailableShifts}
        onChange={setUnavailableShifts}
      />
      <WeekdayCheckboxes
        legend={t('declaration.preferredWeekdays')}
        hint={t('declaration.preferredHint')}
        selected={preferredWeekdays}
        onChange={setPreferredWeekdays}
      />
      <TextAreaField
        label={t('declaration.note')}
        value={note}
        maxLength={500}
        rows={2}
        onChange={(event) => setNote(event.target.value)}
      />
      <ErrorAlert error={declare.error} showDetails />
      <div className="form-actions">
        <button type="submit" className="button" disabled={declare.isPending}>
          {declare.isPending ? t('common.saving') : t('declaration.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function MembersSection({ group }: { group: RotationGroup }) {
  const { t, i18n } = useTranslation('rotations');
  const me = useCurrentUser();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canDeclare = (organizationId: string) => group.permissions.canManage || me.organizationId === organizationId;
  const weekdayList = (days: number[]) =>
    days.length === 0 ? t('common.none') : days.map((day) => t(`weekday.${day}`)).join(t('common.listSeparator'));
  const editingMember = group.members.find((member) => member.organization.id === editing);
  const doctors = group.members.reduce((sum, member) => sum + member.doctorCount, 0);

  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">{t('group.members')}</h2>
      <p className="muted">
        {t('group.membersSummary', {
          clinics: t('group.clinicCount', { count: group.members.length }),
          doctors: t('group.doctorsTotal', { count: doctors }),
        })}{' '}
        {t('group.shareHint')}
      </p>
      <StatusMessage message={saved} />
      <div className="table-wrap" role="region" aria-labelledby="members-caption" tabIndex={0}>
        <table className="data-table stack-on-phone members-table">
          <caption id="members-caption">{t('group.membersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('group.clinic')}</th>
              <th scope="col">{t('declaration.doctorCountShort')}</th>
              <th scope="col">{t('declaration.unavailableWeekdaysShort')}</th>
              <th scope="col">{t('declaration.unavailableDatesShort')}</th>
              <th scope="col">{t('declaration.unavailableShiftsShort')}</th>
              <th scope="col">{t('declaration.preferredWeekdaysShort')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((member) => (
              <tr key={member.organization.id}>
                <th scope="row">
                  <Link to={`/organizations/${member.organization.id}`}>{member.organization.name}</Link>
                  {member.organization.phone ? (
                    <span className="muted small nowrap"> {member.organization.phone}</span>
                  ) : null}
                  {member.note ? <span className="member-note small">{member.note}</span> : null}
                </th>
                <td data-label={t('declaration.doctorCountShort')}>
                  {t('group.doctors', { count: member.doctorCount })}
                </td>
                <td data-label={t('declaration.unavailableWeekdaysShort')}>
                  {weekdayList(member.unavailableWeekdays)}
                </td>
                <td data-label={t('declaration.unavailableDatesShort')}>
                  {member.unavailableDates.length === 0
                    ? t('common.none')
                    : member.unavailableDates
                        .map((date) => longDate(date, i18n.language))
                        .join(t('common.listSeparator'))}
                </td>
                <td data-label={t('declaration.unavailableShiftsShort')}>
                  {member.unavailableShifts.length === 0
                    ? t('common.none')
                    : member.unavailableShifts.map((shift) => t(`shift.${shift}`)).join(t('common.listSeparator'))}
                </td>
                <td data-label={t('declaration.preferredWeekdaysShort')}>{weekdayList(member.preferredWeekdays)}</td>
                <td data-label={t('common.actions')}>
                  {canDeclare(member.organization.id) ? (
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={() => {
                        setSaved(null);
                        setEditing(member.organization.id);
                      }}
                      aria-label={t('declaration.editLabel', { name: member.organization.name })}
                    >
                      {t('declaration.edit')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editingMember ? (
        <DeclarationForm
          key={editingMember.organization.id}
          group={group}
          member={editingMember}
          onDone={(message) => {
            setEditing(null);
            setSaved(message);
          }}
        />
      ) : null}
    </section>
  );
}

function RulesSection({ group }: { group: RotationGroup }) {
  const { t } = useTranslation('rotations');
  const update = useUpdateGroup(group.id);
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const { settings } = group;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!draft) return;
    const request = rulesRequest(draft);
    setProblems(request.ok ? {} : request.problems);
    if (!request.ok) return;
    update.mutate(
      { version: group.version, body: { settings: request.value } },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(t('rules.saved'));
        },
      },
    );
  };

  return (
    <section className="section" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('rules.title')}</h2>
      <StatusMessage message={saved} />
      {draft ? (
        <form onSubmit={submit} noValidate>
          <RulesFields
            draft={draft}
            onChange={setDraft}
            problems={problems}
            serverError={isApiError(update.error) ? update.error : null}
          />
          <ErrorAlert error={update.error} showDetails />
          <div className="form-actions">
            <button type="submit" className="button" disabled={update.isPending}>
              {update.isPending ? t('common.saving') : t('rules.submit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts facts-compact rotation-facts">
            <div>
              <dt>{t('rules.minDaysBetweenDuties')}</dt>
              <dd>{t('rules.days', { count: settings.minDaysBetweenDuties })}</dd>
            </div>
            <div>
              <dt>{t('rules.maxDutiesPerMonth')}</dt>
              <dd>{t('rules.times', { count: settings.maxDutiesPerMonth })}</dd>
            </div>
            <div>
              <dt>{t('rules.weights')}</dt>
              <dd>
                {shiftKinds
                  .map((shift) => `${t(`shift.${shift}`)} ${formatNumber(settings.shiftWeights[shift])}`)
                  .join(t('common.listSeparator'))}
              </dd>
            </div>
            <div>
              <dt>{t('rules.holidays')}</dt>
              <dd>
                {[
                  t('rules.weekend'),
                  ...(settings.includeNationalHolidays ? [t('rules.nationalHolidays')] : []),
                  ...(settings.yearEnd.isEnabled
                    ? [
                        t('rules.yearEndRange', {
                          from: settings.yearEnd.fromMonthDay,
                          to: settings.yearEnd.toMonthDay,
                        }),
                      ]
                    : []),
                ].join(t('common.listSeparator'))}
              </dd>
            </div>
            <div>
              <dt>{t('rules.hours')}</dt>
              <dd>
                {t('rules.hoursText', {
                  dayStart: settings.times.dayStart,
                  nightStart: settings.times.nightStart,
                  morning: settings.times.workdayMorning,
                })}
              </dd>
            </div>
          </dl>
          {group.permissions.canManage ? (
            <p className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setSaved(null);
                  setDraft(rulesDraftOf(settings));
                }}
              >
                {t('rules.edit')}
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function RostersSection({ group }: { group: RotationGroup }) {
  const { t, i18n } = useTranslation('rotations');
  const rosters = useGroupRosters(group.id);
  const items = (rosters.data?.items ?? []).filter((roster) => roster.status !== 'discarded');
  return (
    <section className="section" aria-labelledby="rosters-title">
      <h2 id="rosters-title">{t('group.rosters')}</h2>
      <ErrorAlert error={rosters.error} />
      {rosters.isPending ? <p>{t('common.loading')}</p> : null}
      {rosters.isSuccess && items.length === 0 ? <p className="muted">{t('group.noRosters')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="rosters-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="rosters-caption">{t('group.rostersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.period')}</th>
                <th scope="col">{t('roster.status')}</th>
                <th scope="col">{t('fairness.objective')}</th>
                <th scope="col">{t('fairness.lowerBound')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((roster) => (
                <tr key={roster.id}>
                  <th scope="row">
                    <Link to={`/rotations/rosters/${roster.id}`}>
                      {periodLabel(roster.from, roster.to, i18n.language)}
                    </Link>
                  </th>
                  <td data-label={t('roster.status')}>
                    <RosterStatusBadge status={roster.status} />
                  </td>
                  <td data-label={t('fairness.objective')}>{formatNumber(roster.objective)}</td>
                  <td data-label={t('fairness.lowerBound')}>{formatNumber(roster.lowerBound)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function GroupPage() {
  const { t } = useTranslation('rotations');
  const serverText = useServerText();
  const { id = '' } = useParams();
  const location = useLocation();
  const group = useRotationGroup(id);
  usePageTitle(group.data?.name ?? t('group.title'));
  const created = (location.state as { created?: boolean } | null)?.created ?? false;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/rotations">{t('home.title')}</Link>
      </p>
      {group.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {group.isError ? (
        <>
          <h1>{t('group.title')}</h1>
          <ErrorAlert error={group.error} />
        </>
      ) : null}
      {group.data ? (
        <>
          <StatusMessage message={created ? t('create.created') : null} />
          <h1>{group.data.name}</h1>
          <p className="lead">
            {t('group.lead', {
              area: group.data.areaName ? serverText.wardName(group.data.areaName) : group.data.areaCode,
              count: group.data.members.length,
            })}
          </p>
          <nav className="page-sections" aria-label={t('group.sectionsLabel')}>
            <ul>
              <li>
                <a href="#members-title">{t('group.members')}</a>
              </li>
              <li>
                <a href="#rules-title">{t('rules.title')}</a>
              </li>
              <li>
                <a href="#rosters-title">{t('group.rosters')}</a>
              </li>
              {group.data.permissions.canManage ? (
                <li>
                  <a href="#generate-title">{t('generate.title')}</a>
                </li>
              ) : null}
            </ul>
          </nav>
          <MembersSection group={group.data} />
          <RulesSection group={group.data} />
          <RostersSection group={group.data} />
          {group.data.permissions.canManage ? <GenerateRosterForm group={group.data} /> : null}
        </>
      ) : null}
    </>
  );
}
