import { z } from 'zod';

/**
 * Themed campaigns (主题活动) the office defines — 全国科技工作者日, 科技活动周, 全国科普日 — which events of
 * bases and alliances join. Dates are Beijing calendar days, both inclusive. Not the selection campaign (申报批次).
 */
export const ACTIVITY_CAMPAIGN_LIMITS = { nameMax: 60, descriptionMax: 2000, descriptionEnMax: 4000 } as const;

/** What the office is offered when it creates a campaign (the dates of the year it picks). */
export const ACTIVITY_CAMPAIGN_SUGGESTIONS = [
  { name: '全国科技工作者日', nameEn: 'National Science and Technology Workers Day', month: 5, day: 30, days: 1 },
  { name: '科技活动周', nameEn: 'Science and Technology Week', month: 5, day: 17, days: 7 },
  { name: '全国科普日', nameEn: 'National Science Popularization Day', month: 9, day: 15, days: 7 },
] as const;

const beijingDay = (error: string) =>
  z.iso.date({ error }).refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { error: '日期超出范围' });

export const ZActivityCampaignFields = z
  .object({
    name: z.string().trim().min(2, { error: '主题活动名称至少 2 个字' }).max(ACTIVITY_CAMPAIGN_LIMITS.nameMax, { error: `主题活动名称不超过 ${ACTIVITY_CAMPAIGN_LIMITS.nameMax} 个字` }),
    nameEn: z.string().trim().max(120, { error: '英文名称不超过 120 个字符' }).default(''),
    description: z.string().trim().max(ACTIVITY_CAMPAIGN_LIMITS.descriptionMax, { error: `说明不超过 ${ACTIVITY_CAMPAIGN_LIMITS.descriptionMax} 字` }).default(''),
    /** Optional, like `nameEn`: English pages fall back to the Chinese description when it is empty. */
    descriptionEn: z.string().trim().max(ACTIVITY_CAMPAIGN_LIMITS.descriptionEnMax, { error: `英文说明不超过 ${ACTIVITY_CAMPAIGN_LIMITS.descriptionEnMax} 个字符` }).default(''),
    startsOn: beijingDay('请选择开始日期'),
    endsOn: beijingDay('请选择结束日期'),
  })
  .refine((c) => c.endsOn >= c.startsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] });
export type TActivityCampaignFields = z.infer<typeof ZActivityCampaignFields>;

/** Refusals a base manager or coordinator may meet, catalogued (`@ssb/domain/messages`) so the portal translates them. */
export const ACTIVITY_CAMPAIGN_MESSAGES = {
  campaignOutsideDays: '活动时间须与主题活动的日期有重叠（按北京时间）',
  campaignNotFound: '未找到该主题活动',
  campaignEventCancelled: '已取消的活动不能加入或退出主题活动',
  campaignEventOver: '活动已结束，不能再加入或退出主题活动',
  jointActionNotFound: '未找到该联合行动',
  jointActionMembersOnly: '联合行动只能邀请本联盟的成员基地联合主办',
  cohostDeclineReason: '谢绝联合主办邀请时请说明原因（至少 2 个字）',
} as const;

const dayInBeijing = (at: Date | string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at));

/**
 * An event may join a campaign when its Beijing days overlap the campaign's days: a week-long exhibition
 * that is open on 30 May belongs to 全国科技工作者日 as much as a lecture held that day.
 */
export const eventFitsCampaign = (event: { startsAt: Date | string; endsAt: Date | string }, campaign: { startsOn: string; endsOn: string }) =>
  dayInBeijing(event.startsAt) <= campaign.endsOn && dayInBeijing(event.endsAt) >= campaign.startsOn;

/** A campaign's days as people read them: "2026-05-30" or "2026-05-17 – 2026-05-23". */
export const formatCampaignDays = (c: { startsOn: string; endsOn: string }) => (c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn} – ${c.endsOn}`);
