import { AUDIENCE_LABELS, RESOURCE_TYPE_LABELS, type Audience, type ResourceType } from '@ssb/domain/bases';
import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { BASE_CATEGORY_LABELS, SPIRIT_ELEMENTS, type BaseCategory } from '@ssb/domain/spirit';

type Lang = 'zh-CN' | 'en' | string;
const pick = (label: { zh: string; en: string } | undefined, lang: Lang, fallback: string) => (label ? (lang === 'en' ? label.en : label.zh) : fallback);

/** Names of the vocabularies the public pages show, in the reader's language. */
export const typeLabel = (type: string, lang: Lang) => pick(RESOURCE_TYPE_LABELS[type as ResourceType], lang, type);
export const audienceLabel = (audience: string, lang: Lang) => pick(AUDIENCE_LABELS[audience as Audience], lang, audience);
export const elementLabel = (key: string, lang: Lang) => {
  const e = SPIRIT_ELEMENTS.find((x) => x.key === key);
  return e ? (lang === 'en' ? e.en : e.zh) : key;
};
/** A base category (stored as its Chinese name) in the reader's language. */
export const categoryLabel = (category: string, lang: Lang) => pick(BASE_CATEGORY_LABELS[category as BaseCategory], lang, category);
export const districtLabel = (code: string, lang: Lang) => {
  const d = BEIJING_DISTRICTS.find((x) => x.code === code);
  return d ? (lang === 'en' ? d.nameEn : d.name) : code;
};

/** The search snippet arrives escaped with <mark> only; anything else is dropped before it is shown as HTML. */
export const safeSnippet = (html: string) => html.replace(/<(?!\/?mark>)[^>]*>/gi, '');
