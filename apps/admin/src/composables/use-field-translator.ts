import { useI18n } from 'vue-i18n';

/**
 * The domain's schemas decide what is valid; the console words the message per field, in the
 * reader's language (some schema rules carry only zod's English default text).
 */
export function useFieldTranslator(prefix: string) {
  const { t, te } = useI18n();
  return (field: string) => (te(`${prefix}.${field}`) ? t(`${prefix}.${field}`) : null);
}
