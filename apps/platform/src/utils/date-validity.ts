/**
 * The browser's own date-field messages speak the browser's language; these say the same in
 * Chinese (or English), from the field's ValidityState, for setCustomValidity.
 */
export type DateValidityWords = {
  missing: string;
  incomplete: string;
  tooEarly: (min: string) => string;
  tooLate: (max: string) => string;
};

export function dateValidityMessage(validity: Pick<ValidityState, 'valueMissing' | 'badInput' | 'rangeUnderflow' | 'rangeOverflow'>, bounds: { min?: string; max?: string }, words: DateValidityWords) {
  if (validity.badInput) return words.incomplete;
  if (validity.valueMissing) return words.missing;
  if (validity.rangeUnderflow && bounds.min) return words.tooEarly(bounds.min);
  if (validity.rangeOverflow && bounds.max) return words.tooLate(bounds.max);
  return '';
}
