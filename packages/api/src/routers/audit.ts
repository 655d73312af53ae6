import type { TRPCRouterRecord } from '@trpc/server';
import { officeProcedure } from '../procedures.ts';
import { appendAudit } from '../services/audit/append.ts';
import { chainAllAudit } from '../services/audit/chain.ts';
import { logView } from '../services/audit/log-view.ts';
import { listAudit, ZAuditListInput } from '../services/audit/list-audit.ts';
import { verifyAuditChain } from '../services/audit/verify.ts';

/** The audit log's viewer, for the office and system administrators. */
export const auditRouter = {
  list: officeProcedure.input(ZAuditListInput).query(async ({ ctx, input }) => {
    const page = await listAudit(ctx.db, input);
    await logView(ctx.db, { actorUserId: ctx.user.id, action: 'audit.view', entityType: 'audit_log', entityId: '' });
    return page;
  }),
  verify: officeProcedure.mutation(async ({ ctx }) => {
    // Seal what is pending first (serialised with the server's chainer), so the walk covers every row.
    await chainAllAudit(ctx.db);
    const result = await verifyAuditChain(ctx.db);
    // Appended after the walk, so the row records what was found without changing it.
    await appendAudit(ctx.db, { actorUserId: ctx.user.id, action: 'audit.verify', entityType: 'audit_log', data: { ...result } });
    return result;
  }),
} satisfies TRPCRouterRecord;
