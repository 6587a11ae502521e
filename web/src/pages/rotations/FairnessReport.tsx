/**
 * How fair a roster is, for the association's review: the fairness objective F, the LP lower bound (HiGHS) of its
 * flow part and the gap between them, and per clinic its duties of each shift against its share (doctors ÷ all
 * doctors, minus what it did above or below its share in earlier rosters), with its weighted burden.
 */
import { useTranslation } from 'react-i18next';
import { calendarUrl, shiftKinds, type ClinicFairness, type Roster } from '../../api/rotations';
import { formatNumber } from './parts';

/** +1.5 / −0.57: what a clinic did above or below its share before, with its sign. */
function signed(value: number | undefined): string {
  const text = formatNumber(Math.abs(value ?? 0), 2);
  return (value ?? 0) > 0 ? `+${text}` : (value ?? 0) < 0 ? `−${text}` : text;
}

/**
 * Why a clinic's targets are not simply its doctors' share: a shift it declared it cannot take (target 0, the burden
 * moved to its other shifts), or a share above what the spacing rule and the monthly cap let it take in the period.
 */
function ClinicNotes({ clinic, roster }: { clinic: ClinicFairness; roster: Roster }) {
  const { t } = useTranslation('rotations');
  const notes: string[] = [];
  const cannotTake = (clinic.cannotTake ?? []).filter((shift) => roster.shifts.includes(shift));
  if (cannotTake.length > 0)
    notes.push(
      t('fairness.cannotTakeNote', {
        shifts: cannotTake.map((shift) => t(`shift.${shift}`)).join(t('common.listSeparator')),
      }),
    );
  if (clinic.isCapacityBound && clinic.capacity !== null && clinic.capacity !== undefined) {
    const share = Object.values(clinic.shareTargets ?? {}).reduce((sum, value) => sum + (value ?? 0), 0);
    notes.push(
      t('fairness.capacityNote', {
        share: formatNumber(share, 1),
        capacity: clinic.capacity,
        minDays: roster.settings.minDaysBetweenDuties,
        maxPerMonth: roster.settings.maxDutiesPerMonth,
      }),
    );
  }
  if (notes.length === 0) return null;
  return (
    <ul className="fairness-notes small">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

export function FairnessReport({ roster }: { roster: Roster }) {
  const { t, i18n } = useTranslation('rotations');
  const { fairness } = roster;
  const shifts = shiftKinds.filter((shift) => roster.shifts.includes(shift));
  const objective = fairness.objective ?? roster.objective;
  const hasBound = fairness.lowerBound !== null && fairness.lowerBoundStatus !== 'unavailable';
  // 「最も公平」 speaks of F, which is per shift: it is said plainly only when no clinic's total burden is off its
  // target by more than one duty of the heaviest shift; otherwise the badge says that a gap in burden remains.
  const heaviest = Math.max(1, ...Object.values(fairness.weights ?? {}).filter((value) => typeof value === 'number'));
  const isEven = fairness.maxBurdenDeviation === undefined || fairness.maxBurdenDeviation <= heaviest + 1e-9;
  const clinics = [...fairness.clinics].sort(
    (a, b) => b.doctorCount - a.doctorCount || (a.organizationName ?? '').localeCompare(b.organizationName ?? '', 'ja'),
  );

  return (
    <>
      <dl className="facts facts-compact rotation-facts fairness-facts">
        <div>
          <dt>{t('fairness.objective')}</dt>
          <dd>
            <strong>{formatNumber(objective)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('fairness.lowerBound')}</dt>
          <dd>{hasBound ? formatNumber(fairness.lowerBound) : t('fairness.lowerBoundUnavailable')}</dd>
        </div>
        <div>
          <dt>{t('fairness.gap')}</dt>
          <dd>
            {hasBound
              ? t('fairness.gapText', {
                  gap: formatNumber(fairness.gap),
                  ratio: fairness.ratio === null ? '—' : formatNumber(fairness.ratio),
                })
              : '—'}
            {hasBound && fairness.gap !== null && fairness.gap <= 1e-6 ? (
              <span className={`badge ${isEven ? 'badge-ok' : 'badge-warning'} fairness-optimal`}>
                {isEven ? t('fairness.optimal') : t('fairness.optimalUneven')}
              </span>
            ) : null}
          </dd>
        </div>
        {fairness.maxBurdenDeviation !== undefined ? (
          <div>
            <dt>{t('fairness.maxDeviation')}</dt>
            <dd>{formatNumber(fairness.maxBurdenDeviation, 2)}</dd>
          </div>
        ) : null}
        {fairness.slotCounts ? (
          <div>
            <dt>{t('fairness.slots')}</dt>
            <dd>
              {shifts
                .map((shift) =>
                  t('fairness.slotCount', { shift: t(`shift.${shift}`), count: fairness.slotCounts?.[shift] ?? 0 }),
                )
                .join(t('common.listSeparator'))}
            </dd>
          </div>
        ) : null}
        {roster.solver?.generateMs !== undefined ? (
          <div>
            <dt>{t('fairness.time')}</dt>
            <dd>
              {t('fairness.timeText', {
                generate: roster.solver.generateMs,
                bound: roster.solver.lowerBoundMs ?? '—',
              })}
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="fairness-definition">
        <summary>{t('fairness.definitionTitle')}</summary>
        <p>{t('fairness.definition')}</p>
        {/* The server writes the formula in Japanese; English says it from the same symbols. */}
        <p className="mono small">{i18n.language === 'en' ? t('fairness.formula') : fairness.definition}</p>
      </details>
      <p className="muted small fairness-legend">{t('fairness.legend')}</p>
      <div className="table-wrap" role="region" aria-labelledby="fairness-caption" tabIndex={0}>
        <table className="data-table stack-on-phone fairness-table">
          <caption id="fairness-caption">{t('fairness.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('group.clinic')}</th>
              <th scope="col">{t('fairness.doctorsShare')}</th>
              {shifts.map((shift) => (
                <th key={shift} scope="col">
                  {t(`shift.${shift}`)}
                  <span className="muted small"> {t('fairness.countTarget')}</span>
                </th>
              ))}
              <th scope="col">{t('fairness.burden')}</th>
              {roster.permissions.canManage ? <th scope="col">{t('roster.icsShort')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {clinics.map((clinic) => (
              <tr key={clinic.organizationId}>
                <th scope="row">
                  {clinic.organizationName ?? clinic.organizationId}
                  <ClinicNotes clinic={clinic} roster={roster} />
                </th>
                <td data-label={t('fairness.doctorsShare')}>
                  {t('fairness.doctorsShareText', {
                    doctors: clinic.doctorCount,
                    share: formatNumber(clinic.share * 100, 1),
                  })}
                </td>
                {shifts.map((shift) => (
                  <td key={shift} data-label={t(`shift.${shift}`)}>
                    {/* One element per cell: on a phone the cell is a grid of its label and this. */}
                    {clinic.cannotTake?.includes(shift) && !clinic.counts[shift] ? (
                      <span className="muted small">{t('fairness.notTaken')}</span>
                    ) : (
                      <span className="fairness-count">
                        <span className="nowrap">
                          <strong>{clinic.counts[shift] ?? 0}</strong>
                          <span className="muted small"> / {formatNumber(clinic.targets[shift], 2)}</span>
                        </span>
                        {clinic.carryOver[shift] ? (
                          <span className="muted small nowrap fairness-carry">
                            {t('fairness.carry', { value: signed(clinic.carryOver[shift]) })}
                          </span>
                        ) : null}
                      </span>
                    )}
                  </td>
                ))}
                <td data-label={t('fairness.burden')}>
                  <span className="nowrap">
                    {formatNumber(clinic.burden, 2)}
                    <span className="muted small"> / {formatNumber(clinic.targetBurden, 2)}</span>
                  </span>
                </td>
                {roster.permissions.canManage ? (
                  <td data-label={t('roster.icsShort')}>
                    <a href={calendarUrl(roster.id, clinic.organizationId)} download>
                      .ics
                      <span className="visually-hidden">
                        {t('roster.icsFor', { name: clinic.organizationName ?? '' })}
                      </span>
                    </a>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
