import {
  ZAllianceCharter,
  ZAllianceDecision,
  ZAllianceFields,
  ZAllianceHandOver,
  ZAllianceInvitationAnswer,
  ZAllianceInvite,
  ZAllianceJoinRequest,
  ZAllianceLeave,
  ZAllianceOfficeList,
  ZAllianceRemoval,
  ZAllianceRequestDecision,
  ZAllianceResubmit,
  ZFoundingAnswer,
} from '@ssb/domain/alliance-input';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { allianceCoordinatorProcedure, baseManagerProcedure, officeProcedure, publicProcedure, roleProcedure, viewerOf } from '../procedures.ts';
import { answerFounding } from '../services/alliances/answer-founding.ts';
import { getCoordinatedAlliance, listCoordinatedAlliances } from '../services/alliances/coordinator-alliances.ts';
import { decideAllianceProposal } from '../services/alliances/decide-proposal.ts';
import { handOverAlliance } from '../services/alliances/hand-over.ts';
import { decideJoinRequest, inviteMember, removeMember } from '../services/alliances/manage-members.ts';
import { listMyAlliances } from '../services/alliances/my-alliances.ts';
import { getAllianceForOffice, listAlliancesForOffice } from '../services/alliances/office-alliances.ts';
import { proposeAlliance, resubmitAlliance } from '../services/alliances/propose-alliance.ts';
import { getPublicAlliance, listAlliancesOfBase, listPublicAlliances } from '../services/alliances/public-alliances.ts';
import { saveCharter } from '../services/alliances/save-charter.ts';
import { answerInvitation, leaveAlliance, listUnitInvitations, requestToJoin } from '../services/alliances/unit-moves.ts';
import { createJointAction, inviteJointActionCohost, jointActionCohostCandidates, listJointActionsForCoordinator, moveJointAction, setJointActionCampaign, updateJointAction } from '../services/alliances/joint-actions.ts';
import { ZCohostSearch, ZEventFields } from '@ssb/domain/event-input';

const ZAllianceId = z.object({ allianceId: z.uuid({ error: '联盟编号格式不正确' }) });
const coordinatorRoleProcedure = roleProcedure('alliance_coordinator');
const me = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Alliances of bases (区域联盟): proposals, founding answers, the office's decision, members, charter, public pages. */
export const alliancesRouter = {
  // public
  list: publicProcedure.query(({ ctx }) => listPublicAlliances(ctx.db)),
  get: publicProcedure.input(ZAllianceId).query(({ ctx, input }) => getPublicAlliance(ctx.db, input.allianceId)),
  ofBase: publicProcedure.input(z.object({ baseId: z.uuid({ error: '基地编号格式不正确' }) })).query(({ ctx, input }) => listAlliancesOfBase(ctx.db, input.baseId)),

  // base managers
  mine: baseManagerProcedure.query(({ ctx }) => listMyAlliances(ctx.db, viewerOf(ctx))),
  propose: baseManagerProcedure.input(ZAllianceFields).mutation(({ ctx, input }) => proposeAlliance(ctx.db, viewerOf(ctx), input, ctx.config)),
  resubmit: baseManagerProcedure.input(ZAllianceResubmit).mutation(({ ctx, input }) => resubmitAlliance(ctx.db, viewerOf(ctx), input, ctx.config)),
  answerFounding: baseManagerProcedure.input(ZFoundingAnswer).mutation(({ ctx, input }) => answerFounding(ctx.db, viewerOf(ctx), input, ctx.config)),
  requestJoin: baseManagerProcedure.input(ZAllianceJoinRequest).mutation(({ ctx, input }) => requestToJoin(ctx.db, viewerOf(ctx), input, ctx.config)),
  answerInvitation: baseManagerProcedure.input(ZAllianceInvitationAnswer).mutation(({ ctx, input }) => answerInvitation(ctx.db, viewerOf(ctx), input, ctx.config)),
  leave: baseManagerProcedure.input(ZAllianceLeave).mutation(({ ctx, input }) => leaveAlliance(ctx.db, viewerOf(ctx), input, ctx.config)),

  // a unit that is not a named base (a mentored unit), answered by its applicant accounts
  unitInvitations: roleProcedure('applicant').query(({ ctx }) => listUnitInvitations(ctx.db, viewerOf(ctx))),
  answerUnitInvitation: roleProcedure('applicant').input(ZAllianceInvitationAnswer).mutation(({ ctx, input }) => answerInvitation(ctx.db, viewerOf(ctx), input, ctx.config)),

  // the coordinator
  coordinated: coordinatorRoleProcedure.query(({ ctx }) => listCoordinatedAlliances(ctx.db, me(ctx))),
  manage: allianceCoordinatorProcedure.query(({ ctx, input }) => getCoordinatedAlliance(ctx.db, me(ctx), input.allianceId)),
  invite: allianceCoordinatorProcedure.input(ZAllianceInvite).mutation(({ ctx, input }) => inviteMember(ctx.db, me(ctx), input, ctx.config)),
  decideRequest: allianceCoordinatorProcedure.input(ZAllianceRequestDecision).mutation(({ ctx, input }) => decideJoinRequest(ctx.db, me(ctx), input, ctx.config)),
  removeMember: allianceCoordinatorProcedure.input(ZAllianceRemoval).mutation(({ ctx, input }) => removeMember(ctx.db, me(ctx), input, ctx.config)),
  handOver: allianceCoordinatorProcedure.input(ZAllianceHandOver).mutation(({ ctx, input }) => handOverAlliance(ctx.db, me(ctx), input, ctx.config)),
  // joint actions (联合行动): events the alliance hosts through its lead base
  jointActions: allianceCoordinatorProcedure.query(({ ctx, input }) => listJointActionsForCoordinator(ctx.db, me(ctx), input.allianceId)),
  createJointAction: allianceCoordinatorProcedure
    .input(ZEventFields.safeExtend({ campaignId: z.uuid({ error: '主题活动编号格式不正确' }).nullable().default(null), cohostBaseIds: z.array(z.uuid({ error: '基地编号格式不正确' })).max(30, { error: '联合主办方最多 30 个' }).default([]) }))
    .mutation(({ ctx, input }) => createJointAction(ctx.db, me(ctx), input, ctx.config.publicUrl)),
  updateJointAction: allianceCoordinatorProcedure
    .input(ZEventFields.safeExtend({ eventId: z.uuid(), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => updateJointAction(ctx.db, me(ctx), input, ctx.config.publicUrl)),
  moveJointAction: allianceCoordinatorProcedure
    .input(z.object({ eventId: z.uuid(), action: z.enum(['publish', 'cancel']), reason: z.string().trim().max(200, { error: '取消说明不超过 200 字' }).default('') }))
    .mutation(({ ctx, input }) => moveJointAction(ctx.db, me(ctx), input)),
  setJointActionCampaign: allianceCoordinatorProcedure
    .input(z.object({ eventId: z.uuid(), campaignId: z.uuid({ error: '主题活动编号格式不正确' }).nullable() }))
    .mutation(({ ctx, input }) => setJointActionCampaign(ctx.db, me(ctx), input)),
  /** Member bases a joint action may still invite as co-hosts, searched by name or number and paged. */
  jointActionCohostCandidates: allianceCoordinatorProcedure
    .input(ZCohostSearch.extend({ eventId: z.uuid() }))
    .query(({ ctx, input }) => jointActionCohostCandidates(ctx.db, me(ctx), input)),
  inviteJointActionCohost: allianceCoordinatorProcedure
    .input(z.object({ eventId: z.uuid(), baseId: z.uuid({ error: '基地编号格式不正确' }) }))
    .mutation(({ ctx, input }) => inviteJointActionCohost(ctx.db, me(ctx), input, ctx.config.publicUrl)),
  saveCharter: allianceCoordinatorProcedure.input(ZAllianceCharter).mutation(({ ctx, input }) => saveCharter(ctx.db, me(ctx), input)),

  // the office
  officeList: officeProcedure.input(ZAllianceOfficeList).query(({ ctx, input }) => listAlliancesForOffice(ctx.db, input)),
  officeGet: officeProcedure.input(ZAllianceId).query(({ ctx, input }) => getAllianceForOffice(ctx.db, input.allianceId)),
  decide: officeProcedure.input(ZAllianceDecision).mutation(({ ctx, input }) => decideAllianceProposal(ctx.db, me(ctx), input, ctx.config)),
} satisfies TRPCRouterRecord;
