import en from './langs/en.json';
import zhCN from './langs/zh-CN.json';

type Messages = Record<string, unknown>;
/** Each feature keeps its own messages, both languages in one file: { "zh-CN": {…}, "en": {…} }. */
const features = import.meta.glob<{ default: { 'zh-CN': Messages; en: Messages } }>('./features/*.json', { eager: true });

export const messages = Object.values(features).reduce(
  (all, { default: feature }) => ({ 'zh-CN': { ...all['zh-CN'], ...feature['zh-CN'] }, en: { ...all.en, ...feature.en } }),
  { 'zh-CN': zhCN as Messages, en: en as Messages },
);
