/**
 * The tables of 地域の分析: wards compared side by side (organisations by kind, acceptance status, demand and stuck
 * discharges) and one area broken down (per team role, kind, procedure and patient group). Counts of people go
 * through CountCell, so a suppressed count always shows its mark.
 */
import { Trans, useTranslation } from 'react-i18next';
import type { TFunction, i18n as I18n } from 'i18next';
import { teamRoles } from '../../api/case-codes';
import { patientGroups, procedures } from '../../codes';
import { capacityKinds, type AreaAnalytics, type AreaFigures, type Capacity } from '../../api/analytics';
import { DataTable } from '../../components/DataTable';
import { wardNameIn } from '../../components/public/ward-names';
import { CountCell, CountValue, NumberCell } from './CountValue';
import { capabilityKeys, careKinds } from './analytics-csv';

const tableClass = 'data-table stack-on-phone analytics-table';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/**
 * The area in the language shown: as a row or column heading (`name`) the city reads 「岡山市（全体）」 so that it is not
 * taken for a ward; in a caption or a choice (`fullName`) 「岡山市北区」. In English the city and the wards are named in
 * English ("Okayama City (whole city)", "Kita Ward"); a smaller district keeps its Japanese name.
 */
export function areaName(
  area: AreaFigures,
  t: TFunction<'analytics'>,
  i18n: I18n,
  form: 'name' | 'fullName' = 'name',
): string {
  if (area.kind === 'city') {
    const name = i18n.language === 'ja' ? area.areaName : t('cityName');
    return form === 'name' ? t('cityWhole', { name }) : name;
  }
  return wardNameIn(i18n, { code: area.areaCode, name: area.areaName, fullName: area.fullName }, form);
}

function AreaName({ area }: { area: AreaFigures }) {
  const { t, i18n } = useTranslation('analytics');
  return <>{areaName(area, t, i18n)}</>;
}

/** A figure that is not a count of people, per ward: one row per key, the areas as columns. */
function WardColumnsTable<Key extends string>({
  id,
  caption,
  rowHeading,
  rows,
  rowLabel,
  value,
  areas,
}: {
  id: string;
  caption: string;
  rowHeading: string;
  rows: readonly Key[];
  rowLabel: (key: Key) => string;
  value: (area: AreaFigures, key: Key) => number;
  areas: AreaFigures[];
}) {
  const { t, i18n } = useTranslation('analytics');
  return (
    <DataTable id={id} caption={caption} className={tableClass}>
      <thead>
        <tr>
          <th scope="col">{rowHeading}</th>
          {areas.map((area) => (
            <th scope="col" key={area.areaCode}>
              <AreaName area={area} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((key) => (
          <tr key={key}>
            <th scope="row">{rowLabel(key)}</th>
            {areas.map((area) => (
              <NumberCell key={area.areaCode} label={areaName(area, t, i18n)} value={value(area, key)} />
            ))}
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/**
 * Organisations per ward by kind: kinds as rows, areas as columns. Each organisation counts once under its kind in the
 * directory; the note says how this differs from the role's candidates and the procedure's organisations.
 */
export function KindsTable({ areas }: { areas: AreaFigures[] }) {
  const { t } = useTranslation('analytics');
  return (
    <>
      <WardColumnsTable
        id="kinds-caption"
        caption={t('kinds.caption')}
        rowHeading={t('kinds.kind')}
        rows={careKinds}
        rowLabel={(kind) => t(`codes.kind.${kind}`)}
        value={(area, kind) => area.supply.organizationsByKind[kind]}
        areas={areas}
      />
      <p className="muted small">{t('kinds.note')}</p>
    </>
  );
}

/** Home care capabilities per ward: capabilities as rows, areas as columns. */
export function CapabilitiesTable({ areas }: { areas: AreaFigures[] }) {
  const { t } = useTranslation('analytics');
  return (
    <WardColumnsTable
      id="capabilities-caption"
      caption={t('capabilities.caption')}
      rowHeading={t('capabilities.capability')}
      rows={capabilityKeys}
      rowLabel={(key) => t(`capabilities.${key}`)}
      value={(area, key) => area.supply.capabilities[key]}
      areas={areas}
    />
  );
}

function CapacityCells({ capacity }: { capacity: Capacity }) {
  const { t } = useTranslation('analytics');
  return (
    <>
      <NumberCell label={t('capacity.organizations')} value={capacity.organizations} />
      <NumberCell label={t('capacity.reporting')} value={capacity.reporting} />
      <NumberCell label={t('capacity.accepting')} value={capacity.accepting} />
      <NumberCell label={t('capacity.limited')} value={capacity.limited} />
      <NumberCell label={t('capacity.full')} value={capacity.full} />
      <NumberCell
        label={t('capacity.stale')}
        value={
          capacity.staleShare === null
            ? capacity.stale
            : t('capacity.staleValue', { count: capacity.stale, share: percent(capacity.staleShare) })
        }
      />
      <NumberCell label={t('capacity.freeSlotsFresh')} value={capacity.freeSlotsFresh} />
      <NumberCell label={t('capacity.freeSlots')} value={capacity.freeSlots} />
    </>
  );
}

function CapacityHead({ first }: { first: string }) {
  const { t } = useTranslation('analytics');
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('capacity.organizations')}</th>
        <th scope="col">{t('capacity.reporting')}</th>
        <th scope="col">{t('capacity.accepting')}</th>
        <th scope="col">{t('capacity.limited')}</th>
        <th scope="col">{t('capacity.full')}</th>
        <th scope="col">{t('capacity.stale')}</th>
        <th scope="col">{t('capacity.freeSlotsFresh')}</th>
        <th scope="col">{t('capacity.freeSlots')}</th>
      </tr>
    </thead>
  );
}

/** Acceptance status per ward (every kind of organisation together). */
export function CapacityTable({ areas }: { areas: AreaFigures[] }) {
  const { t } = useTranslation('analytics');
  return (
    <DataTable id="capacity-caption" caption={t('capacity.caption')} className={tableClass}>
      <CapacityHead first={t('capacity.area')} />
      <tbody>
        {areas.map((area) => (
          <tr key={area.areaCode}>
            <th scope="row">
              <AreaName area={area} />
            </th>
            <CapacityCells capacity={area.supply.capacity} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** Demand and stuck discharges per ward, the unlocated cases under it. */
export function DemandTable({ data }: { data: AreaAnalytics }) {
  const { t } = useTranslation('analytics');
  const threshold = data.suppression.threshold;
  return (
    <>
      <DataTable id="demand-caption" caption={t('demand.caption')} className={tableClass}>
        <thead>
          <tr>
            <th scope="col">{t('demand.area')}</th>
            <th scope="col">{t('demand.openCases')}</th>
            <th scope="col">{t('demand.recentlyDischarged')}</th>
            <th scope="col">{t('demand.openWithUnfilledRoles')}</th>
            <th scope="col">{t('demand.pastPlannedDischarge')}</th>
            <th scope="col">{t('demand.medianDaysOpen')}</th>
          </tr>
        </thead>
        <tbody>
          {data.areas.map((area) => (
            <tr key={area.areaCode}>
              <th scope="row">
                <AreaName area={area} />
              </th>
              <CountCell label={t('demand.openCases')} cell={area.demand.openCases} threshold={threshold} />
              <CountCell
                label={t('demand.recentlyDischarged')}
                cell={area.demand.recentlyDischarged}
                threshold={threshold}
              />
              <CountCell
                label={t('demand.openWithUnfilledRoles')}
                cell={area.stuck.openWithUnfilledRoles}
                threshold={threshold}
              />
              <CountCell
                label={t('demand.pastPlannedDischarge')}
                cell={area.stuck.pastPlannedDischarge}
                threshold={threshold}
              />
              <NumberCell
                label={t('demand.medianDaysOpen')}
                value={area.stuck.medianDaysOpen === null ? t('none') : t('days', { count: area.stuck.medianDaysOpen })}
              />
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="muted small">{t('demand.medianNote')}</p>
      <p className="small">
        <Trans
          t={t}
          i18nKey="demand.unlocated"
          components={{
            open: <CountValue cell={data.unlocated.openCases} threshold={threshold} />,
            recent: <CountValue cell={data.unlocated.recentlyDischarged} threshold={threshold} />,
          }}
        />
      </p>
    </>
  );
}

/**
 * One area: what each team role finds (the organisations the matching takes as candidates for it, those accepting now)
 * against the cases needing it; the note says what a candidate is.
 */
export function RolesTable({ area, threshold }: { area: AreaFigures; threshold: number }) {
  const { t, i18n } = useTranslation('analytics');
  return (
    <>
      <DataTable
        id="roles-caption"
        caption={t('roles.caption', { area: areaName(area, t, i18n, 'fullName') })}
        className={tableClass}
      >
        <thead>
          <tr>
            <th scope="col">{t('roles.role')}</th>
            <th scope="col">{t('roles.organizations')}</th>
            <th scope="col">{t('roles.accepting')}</th>
            <th scope="col">{t('roles.freeSlotsFresh')}</th>
            <th scope="col">{t('roles.open')}</th>
            <th scope="col">{t('roles.recent')}</th>
            <th scope="col">{t('roles.unfilled')}</th>
          </tr>
        </thead>
        <tbody>
          {teamRoles.map((role) => {
            const figures = area.roles[role];
            return (
              <tr key={role}>
                <th scope="row">{t(`teamRole.${role}`)}</th>
                <NumberCell label={t('roles.organizations')} value={figures.supply.organizations} />
                <NumberCell label={t('roles.accepting')} value={figures.supply.accepting} />
                <NumberCell label={t('roles.freeSlotsFresh')} value={figures.supply.freeSlotsFresh} />
                <CountCell label={t('roles.open')} cell={figures.demand.open} threshold={threshold} />
                <CountCell label={t('roles.recent')} cell={figures.demand.recent} threshold={threshold} />
                <CountCell label={t('roles.unfilled')} cell={figures.unfilled} threshold={threshold} />
              </tr>
            );
          })}
        </tbody>
      </DataTable>
      <p className="muted small">{t('roles.note')}</p>
    </>
  );
}

/** One area: acceptance status per kind of organisation. */
export function CapacityByKindTable({ area }: { area: AreaFigures }) {
  const { t, i18n } = useTranslation('analytics');
  return (
    <DataTable
      id="capacity-kind-caption"
      caption={t('capacity.captionByKind', { area: areaName(area, t, i18n, 'fullName') })}
      className={tableClass}
    >
      <CapacityHead first={t('capacity.kind')} />
      <tbody>
        {capacityKinds.map((kind) => (
          <tr key={kind}>
            <th scope="row">{t(`codes.kind.${kind}`)}</th>
            <CapacityCells capacity={area.supply.capacityByKind[kind]} />
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

/** One area: per procedure or per patient group, organisations able to do it against the cases that need it. */
export function NeedsTable({
  area,
  threshold,
  kind,
}: {
  area: AreaFigures;
  threshold: number;
  kind: 'procedures' | 'groups';
}) {
  const { t, i18n } = useTranslation('analytics');
  const rows =
    kind === 'procedures'
      ? procedures.map((code) => ({
          code,
          label: t(`codes.procedure.${code}`),
          organizations: area.supply.capabilities.procedures[code],
          demand: area.demand.procedures[code],
        }))
      : patientGroups.map((code) => ({
          code,
          label: t(`codes.patientGroup.${code}`),
          organizations: area.supply.capabilities.groups[code],
          demand: area.demand.groups[code],
        }));
  return (
    <>
      <DataTable
        id={`${kind}-caption`}
        caption={t(`${kind}.caption`, { area: areaName(area, t, i18n, 'fullName') })}
        className={tableClass}
      >
        <thead>
          <tr>
            <th scope="col">{kind === 'procedures' ? t('procedures.procedure') : t('groups.group')}</th>
            <th scope="col">{t(`${kind}.organizations`)}</th>
            <th scope="col">{t(`${kind}.open`)}</th>
            <th scope="col">{t(`${kind}.recent`)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{row.label}</th>
              <NumberCell label={t(`${kind}.organizations`)} value={row.organizations} />
              <CountCell label={t(`${kind}.open`)} cell={row.demand.open} threshold={threshold} />
              <CountCell label={t(`${kind}.recent`)} cell={row.demand.recent} threshold={threshold} />
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="muted small">{t(`${kind}.note`)}</p>
    </>
  );
}
