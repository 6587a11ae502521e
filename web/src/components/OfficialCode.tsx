/** 医療機関コード or 介護保険事業所番号, labelled so the number is never ambiguous. */
import { useTranslation } from 'react-i18next';
import type { Organization } from '../api/types';

export function OfficialCode({ codes }: { codes: Organization['codes'] }) {
  const { t } = useTranslation();
  if (codes.medicalInstitutionCode) {
    return (
      <span className="official-code">
        <span className="muted">{t('organization.medicalInstitutionCodeShort')}</span> {codes.medicalInstitutionCode}
      </span>
    );
  }
  if (codes.careOfficeNumber) {
    return (
      <span className="official-code">
        <span className="muted">{t('organization.careOfficeNumberShort')}</span> {codes.careOfficeNumber}
      </span>
    );
  }
  return <span className="muted">{t('common.none')}</span>;
}
