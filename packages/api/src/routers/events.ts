import { EVENT_STATUSES } from '@ssb/domain/events';
import { ZEventBrowse, ZEventCancel, ZEventFields, ZCohostSearch, ZEventUpdate, ZRespondCohost } from '@ssb/domain/event-input';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, publicProcedure, viewerOf } from '../procedures.ts';
import { joinCampaignAsManager } from '../services/activity-campaigns/join-campaign.ts';
import { cancelEvent, publishEvent } from '../services/events/change-event-status.ts';
import { cohostCandidatesForHost } from '../services/events/cohost-candidates.ts';
import { inviteCohost, listEventCohosts, listMyCohostings, respondCohost, updateCohostPart } from '../services/events/event-cohosts.ts';
import { listMyEvents } from '../services/events/list-my-events.ts';
import { getMyEvent } from '../services/events/load-my-event.ts';
import { browseEvents, listBaseEvents, listUpcomingEvents } from '../services/events/public-events.ts';
import { createEvent, updateEvent } from '../services/events/save-event.ts';
import { ZPage } from '../services/pagination.ts';
import { addWalkIns, checkIn } from '../services/registrations/check-in.ts';
import { listRegistrations } from '../services/registrations/list-registrations.ts';
import { acceptOffer, cancelAsHost, cancelOwnRegistration, declineOffer, viewOwnRegistration } from '../services/registrations/own-registration.ts';
import { getPublicEvent } from '../services/registrations/public-event.ts';
import { registerForEvent } from '../services/registrations/register-for-event.ts';
import { REGISTRATION_STATUSES } from '@ssb/domain/event-registration';
import { REGISTRATION_LIMITS, ZCheckIn, ZEventRegister, ZRegistrationSecret } from '@ssb/domain/registration-input';


/** Events of a base: kept by its managers in the portal, shown on its public page and the platform's home. */
export const eventsRouter = {
  /** A base's published (and cancelled) events: still to come by default, or `past` ones. */
  forBase: publicProcedure
    .input(ZPage.extend({ baseId: z.uuid(), past: z.boolean().default(false), pageSize: z.number().int().min(1).max(50).default(10) }))
    .query(({ ctx, input }) => listBaseEvents(ctx.db, input)),

  /** The next events across all bases, for the home page. */
  upcoming: publicProcedure
    .input(z.object({ limit: z.number().int().min(1).max(20).default(6) }).default({ limit: 6 }))
    .query(({ ctx, input }) => listUpcomingEvents(ctx.db, input)),

  /** The public events page: upcoming or past events of all bases, filtered by days, district, audience, kind. */
  browse: publicProcedure.input(ZEventBrowse).query(({ ctx, input }) => browseEvents(ctx.db, input)),

  mine: baseManagerProcedure
    .input(ZPage.extend({ status: z.enum(EVENT_STATUSES).optional() }))
    .query(({ ctx, input }) => listMyEvents(ctx.db, viewerOf(ctx), input)),

  edit: baseManagerProcedure.input(z.object({ eventId: z.uuid() })).query(({ ctx, input }) => getMyEvent(ctx.db, viewerOf(ctx), input.eventId)),

  create: baseManagerProcedure.input(ZEventFields.extend({ baseId: z.uuid() })).mutation(({ ctx, input }) => createEvent(ctx.db, viewerOf(ctx), input)),

  /** Registration settings left out of the input keep their stored values. */
  update: baseManagerProcedure
    .input(ZEventUpdate)
    .mutation(({ ctx, input }) => updateEvent(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),

  publish: baseManagerProcedure.input(z.object({ eventId: z.uuid() })).mutation(({ ctx, input }) => publishEvent(ctx.db, viewerOf(ctx), input)),

  cancel: baseManagerProcedure.input(ZEventCancel).mutation(({ ctx, input }) => cancelEvent(ctx.db, viewerOf(ctx), input)),

  /** One public event, with where its registration stands. */
  get: publicProcedure.input(z.object({ eventId: z.uuid() })).query(({ ctx, input }) => getPublicEvent(ctx.db, input.eventId)),

  /** A visitor registers, without an account: confirmed while seats last, then on the waiting list. */
  register: publicProcedure.input(ZEventRegister).mutation(({ ctx, input }) => registerForEvent(ctx, { ip: ctx.ip }, input)),

  /** The confirmation page, opened from the mailed link or right after registering. */
  registration: publicProcedure.input(ZRegistrationSecret).query(({ ctx, input }) => viewOwnRegistration(ctx.db, input)),

  cancelRegistration: publicProcedure.input(ZRegistrationSecret).mutation(({ ctx, input }) => cancelOwnRegistration(ctx.db, ctx.config.publicUrl, input)),

  /** The holder of the offer mail's link takes the seats held for them, before the deadline. */
  acceptOffer: publicProcedure.input(ZRegistrationSecret).mutation(({ ctx, input }) => acceptOffer(ctx.db, input)),

  /** …or lets them go to the next in line. */
  declineOffer: publicProcedure.input(ZRegistrationSecret).mutation(({ ctx, input }) => declineOffer(ctx.db, ctx.config.publicUrl, input)),

  registrations: baseManagerProcedure
    .input(ZPage.extend({ eventId: z.uuid(), status: z.enum(REGISTRATION_STATUSES).optional(), pageSize: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listRegistrations(ctx.db, viewerOf(ctx), input)),

  cancelRegistrationAsHost: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), registrationId: z.uuid(), reason: z.string().trim().min(2, { error: '请填写取消原因' }).max(REGISTRATION_LIMITS.cancelReasonMax) }))
    .mutation(({ ctx, input }) => cancelAsHost(ctx.db, ctx.config.publicUrl, viewerOf(ctx), input)),

  checkIn: baseManagerProcedure.input(ZCheckIn).mutation(({ ctx, input }) => checkIn(ctx.db, viewerOf(ctx), input)),

  addWalkIns: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), count: z.number().int().min(-1000).max(1000) }))
    .mutation(({ ctx, input }) => addWalkIns(ctx.db, viewerOf(ctx), input)),

  /** Joins one of the caller's events to a themed campaign (主题活动), or takes it out with `campaignId: null`. */
  joinCampaign: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), campaignId: z.uuid({ error: '主题活动编号格式不正确' }).nullable() }))
    .mutation(({ ctx, input }) => joinCampaignAsManager(ctx.db, viewerOf(ctx), input)),

  /** The host invites another named, active base to co-host its event. */
  inviteCohost: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), baseId: z.uuid() }))
    .mutation(({ ctx, input }) => inviteCohost(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),

  /** Bases the caller's event may still invite as co-hosts: every active named base, searched by name or number and paged. */
  cohostCandidates: baseManagerProcedure.input(ZCohostSearch.extend({ eventId: z.uuid() })).query(({ ctx, input }) => cohostCandidatesForHost(ctx.db, viewerOf(ctx), input)),

  /** The co-hosts of one of the caller's events, whatever their answer. */
  cohosts: baseManagerProcedure.input(z.object({ eventId: z.uuid() })).query(({ ctx, input }) => listEventCohosts(ctx.db, viewerOf(ctx), input.eventId)),

  /** "Events I co-host": invitations to, and co-hostings of, the bases the caller manages. */
  cohosting: baseManagerProcedure.query(({ ctx }) => listMyCohostings(ctx.db, viewerOf(ctx))),

  /** A co-host accepts, or declines with a reason the host reads; the host is told either way. */
  respondCohost: baseManagerProcedure.input(ZRespondCohost).mutation(({ ctx, input }) => respondCohost(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),

  /** A co-host's own part: its place and seats. */
  updateCohostPart: baseManagerProcedure
    .input(z.object({ eventId: z.uuid(), baseId: z.uuid(), place: z.string().trim().max(200, '地点不超过 200 字'), seats: z.number().int().min(1, '名额至少为 1').max(100000).nullable() }))
    .mutation(({ ctx, input }) => updateCohostPart(ctx.db, viewerOf(ctx), input)),
} satisfies TRPCRouterRecord;
