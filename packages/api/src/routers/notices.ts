import { ZObjectionInput } from '@ssb/domain/register';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { officeProcedure, publicProcedure } from '../procedures.ts';
import { closeNotice, createNotice, getNoticeForOffice, listNotices, publishNotice, updateNotice } from '../services/notices/manage-notices.ts';
import { answerObjection, fileObjection, lookUpObjection } from '../services/notices/objections.ts';
import { getPublicNotice, listPublicNotices } from '../services/notices/public-notices.ts';

const ZNoticeDraft = z.object({
  title: z.string().trim().min(4, { error: '标题至少 4 个字' }).max(100, { error: '标题不超过 100 字' }),
  body: z.string().trim().min(10, { error: '请填写公示说明（至少 10 个字）' }).max(5000),
  startsAt: z.iso.datetime({ offset: true, error: '请选择公示开始时间' }).transform((v) => new Date(v)),
  endsAt: z.iso.datetime({ offset: true, error: '请选择公示结束时间' }).transform((v) => new Date(v)),
});

/** 公示: drafted and published by the office; read and objected to by anyone while it runs. */
export const noticesRouter = {
  list: officeProcedure.input(z.object({ campaignId: z.uuid() })).query(({ ctx, input }) => listNotices(ctx.db, input)),
  get: officeProcedure.input(z.object({ noticeId: z.uuid() })).query(({ ctx, input }) => getNoticeForOffice(ctx.db, input)),
  create: officeProcedure.input(ZNoticeDraft.extend({ campaignId: z.uuid() })).mutation(({ ctx, input }) => createNotice(ctx.db, { userId: ctx.user.id }, input)),
  update: officeProcedure.input(ZNoticeDraft.extend({ noticeId: z.uuid() })).mutation(({ ctx, input }) => updateNotice(ctx.db, { userId: ctx.user.id }, input)),
  publish: officeProcedure.input(z.object({ noticeId: z.uuid() })).mutation(({ ctx, input }) => publishNotice(ctx.db, { userId: ctx.user.id }, input)),
  close: officeProcedure.input(z.object({ noticeId: z.uuid() })).mutation(({ ctx, input }) => closeNotice(ctx.db, { userId: ctx.user.id }, input)),
  answerObjection: officeProcedure
    .input(z.object({ objectionId: z.uuid(), answer: z.string().trim().min(5, { error: '答复至少 5 个字' }).max(2000, { error: '答复不超过 2000 字' }) }))
    .mutation(({ ctx, input }) => answerObjection(ctx.db, { userId: ctx.user.id }, input)),

  publicList: publicProcedure.query(({ ctx }) => listPublicNotices(ctx.db)),
  publicGet: publicProcedure.input(z.object({ noticeId: z.uuid({ error: '公示不存在' }) })).query(({ ctx, input }) => getPublicNotice(ctx.db, input)),
  fileObjection: publicProcedure.input(ZObjectionInput).mutation(({ ctx, input }) => fileObjection(ctx, { ip: ctx.ip }, input)),
  /** A mutation, not a query: each look-up counts against the visitor's address. */
  lookUpObjection: publicProcedure
    .input(z.object({ reference: z.string().trim().regex(/^[0-9a-fA-F]{8}$/, { error: '受理编号为 8 位字母或数字，见提交异议后的提示' }), phone: z.string().trim().min(7, { error: '请填写提交时的联系电话' }).max(20) }))
    .mutation(({ ctx, input }) => lookUpObjection(ctx.db, { ip: ctx.ip }, input)),
} satisfies TRPCRouterRecord;
