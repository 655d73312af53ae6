import { ZBookingRequest } from '@ssb/domain/shared-resources';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { baseManagerProcedure, viewerOf } from '../procedures.ts';
import { cancelBooking, decideBooking } from '../services/bookings/decide-booking.ts';
import { listBookings } from '../services/bookings/list-bookings.ts';
import { myResourceBookings } from '../services/bookings/my-resource-bookings.ts';
import { requestBooking } from '../services/bookings/request-booking.ts';

const ZNote = z.string().trim().max(500, { error: '说明不超过 500 字' }).optional();

export const bookingsRouter = {
  list: baseManagerProcedure
    .input(z.object({ direction: z.enum(['incoming', 'outgoing']), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listBookings(ctx.db, viewerOf(ctx), input)),

  /** The viewer's pending and approved requests for one resource, for its public page. */
  mineFor: baseManagerProcedure.input(z.object({ resourceId: z.uuid() })).query(({ ctx, input }) => myResourceBookings(ctx.db, viewerOf(ctx), input.resourceId)),

  request: baseManagerProcedure.input(ZBookingRequest).mutation(({ ctx, input }) => requestBooking(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),

  approve: baseManagerProcedure
    .input(z.object({ bookingId: z.uuid(), note: ZNote }))
    .mutation(({ ctx, input }) => decideBooking(ctx.db, viewerOf(ctx), { ...input, decision: 'approved' }, ctx.config.publicUrl)),

  decline: baseManagerProcedure
    .input(z.object({ bookingId: z.uuid(), note: ZNote }))
    .mutation(({ ctx, input }) => decideBooking(ctx.db, viewerOf(ctx), { ...input, decision: 'declined' }, ctx.config.publicUrl)),

  cancel: baseManagerProcedure
    .input(z.object({ bookingId: z.uuid() }))
    .mutation(({ ctx, input }) => cancelBooking(ctx.db, viewerOf(ctx), input, ctx.config.publicUrl)),
} satisfies TRPCRouterRecord;
