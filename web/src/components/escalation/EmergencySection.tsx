/**
 * 急変時の連絡 on a case page: the calling order at a chosen moment, the printable emergency contact card (A4 for
 * the patient's home, card size for the wallet — made afresh from the current team and roster on every download)
 * and the recorded acute events. Only for those who care for the patient (the server decides the same).
 */
import { useTranslation } from 'react-i18next';
import type { FullCase } from '../../api/case-types';
import { emergencyCardUrl } from '../../api/escalation';
import { EscalationPanel } from './EscalationPanel';
import { AcuteEvents } from './AcuteEvents';
import './escalation.css';

export function EmergencySection({ record }: { record: FullCase }) {
  const { t } = useTranslation('rotations');
  if (!record.permissions.canUseThread) return null;
  return (
    <section id="case-emergency" className="section" aria-labelledby="case-emergency-title">
      <h2 id="case-emergency-title">{t('escalation.title')}</h2>
      <p className="muted small">{t('escalation.lead')}</p>
      <ul className="emergency-card-links">
        <li>
          <a href={emergencyCardUrl(record.id, 'a4')} target="_blank" rel="noreferrer">
            {t('escalation.cardA4')}
            <span className="visually-hidden">{t('common.opensInNewTab')}</span>
          </a>
        </li>
        <li>
          <a href={emergencyCardUrl(record.id, 'card')} target="_blank" rel="noreferrer">
            {t('escalation.cardPocket')}
            <span className="visually-hidden">{t('common.opensInNewTab')}</span>
          </a>
        </li>
      </ul>
      <p className="muted small">{t('escalation.cardHint')}</p>
      <EscalationPanel caseId={record.id} />
      <h3 className="acute-title">{t('acute.title')}</h3>
      <AcuteEvents caseId={record.id} />
    </section>
  );
}
