/**
 * How a consultation is named in the lists and on its page. A case's generated subject names only the hospital
 * (「退院調整の相談（岡山市立市民病院）」), the same for every patient it sends: whoever may see the patient (the
 * case's hospital, the Center) reads the patient's name instead, and the planned discharge date beside it. A
 * general consultation keeps the subject its author typed.
 */
import type { Consultation } from '../../api/case-types';

/** The `t` of useTranslation('cases') (the keys below are in that namespace). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

export function consultationTitle(
  consultation: Pick<Consultation, 'kind' | 'patient'>,
  subject: string,
  t: Translate,
): string {
  return consultation.kind === 'case' && consultation.patient
    ? t('consultation.caseTitle', { name: consultation.patient.name })
    : subject;
}

/** The line under a consultation in the desk's list: the planned discharge (a case's), when it came in, who handles it. */
export function consultationMeta(
  consultation: Pick<Consultation, 'plannedDischargeDate' | 'createdAt' | 'assigneeName'>,
  t: Translate,
  format: { date: (value: string) => string; dateTime: (value: string) => string },
): string {
  const meta = t('desk.meta', {
    date: format.dateTime(consultation.createdAt),
    assignee: consultation.assigneeName ?? t('center.unassigned'),
  });
  return consultation.plannedDischargeDate
    ? t('desk.caseMeta', { discharge: format.date(consultation.plannedDischargeDate), meta })
    : meta;
}
