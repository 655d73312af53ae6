import type { z } from 'zod';
import type { ZUsccClaimInput } from '@ssb/domain/accounts';
import { schema } from '@ssb/db';
import { and, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import { userError } from '../errors.ts';
import { notifyUsers } from '../notifications/notify.ts';
import { AUTH_LIMITS, limitKey } from './limits.ts';
import { enforceRateLimits } from './rate-limit.ts';

const { memberships, organizations, users } = schema;

/**
 * Someone whose credit code is already registered asks the office to check who holds it: an
 * audited request, and a notice to every office user.
 */
export async function claimUscc(deps: ApiDeps, input: z.output<typeof ZUsccClaimInput>, meta: { ip: string }) {
  const { db, config } = deps;
  await enforceRateLimits(db, [{ key: limitKey('uscc-claim-ip', meta.ip), ...AUTH_LIMITS.usccClaimPerIp }]);
  const organization = await db.query.organizations.findFirst({ where: eq(organizations.uscc, input.uscc), columns: { id: true, name: true } });
  if (!organization) throw userError('BAD_REQUEST', '该统一社会信用代码尚未注册，可直接注册');
  await db.transaction(async (tx) => {
    await appendAudit(tx, {
      actorUserId: null,
      action: 'organization.uscc_claimed',
      entityType: 'organization',
      entityId: organization.id,
      data: { ...input, ip: meta.ip },
    });
    const office = await tx
      .selectDistinct({ id: users.id, email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.role, 'office'), eq(users.status, 'active')));
    await notifyUsers(
      tx,
      office,
      {
        title: '统一社会信用代码核实申请',
        body: `${input.name}（${input.email}，${input.mobile}）代表“${input.organizationName}”申请核实统一社会信用代码 ${input.uscc}，该代码已由“${organization.name}”注册。${input.message ? `说明：${input.message}` : ''}请核实后联系申请人。`,
      },
      config.publicUrl,
    );
  });
}
