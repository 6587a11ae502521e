/** A filter of a search form: 「すべて」 (the empty value, no filter) and then the given choices. */
import { useTranslation } from 'react-i18next';
import { SelectField } from './SelectField';

export type FilterOption = { value: string; label: string };

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly FilterOption[];
};

export function FilterSelect({ label, value, onChange, options }: Props) {
  const { t } = useTranslation();
  return (
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('common.all')}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}
