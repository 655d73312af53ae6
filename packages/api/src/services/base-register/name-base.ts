import { schema, type DbOrTx } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { queueSearchUpdate } from '../search/outbox.ts';
import { offerMembershipToNamedUnit } from '../alliances/follow-register.ts';

const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** Scientists typed as free text (、，; or new lines) become the profile's list. */
/**
 * The form asks for scientists in free text ("展示钱学森、赵九章等科学家的事迹"): keep the names,
 * dropping lead-in verbs and the trailing "等…". Base managers correct the list on their profile.
 */
export const splitScientists = (text: string) =>
  text
    .split(/[、，,;；。\n]+/)
    .map((s) =>
      s
        .trim()
        .replace(/^(展示|介绍|讲述|包括|主要有|以及|和|及)+/, '')
        .replace(/等.*$/, '')
        .trim(),
    )
    .filter((s) => s.length >= 2 && s.length <= 12)
    .slice(0, 30);

/**
 * Enters a named nomination in the register, its public profile started from the application form.
 * Runs inside the decision's transaction, which holds the batch's numbering lock.
 */
export async function nameBase(
  tx: DbOrTx,
  input: { applicationId: string; number: string; batchYear: number; name: string; category: string; districtCode: string; namedOn: string; validUntil: string; actorUserId: string; publicUrl?: string },
) {
  const application = await tx.query.applications.findFirst({ where: eq(schema.applications.id, input.applicationId) });
  if (!application) throw new Error(`application ${input.applicationId} vanished during naming`);
  const data = application.data;
  const [base] = await tx
    .insert(schema.bases)
    .values({
      number: input.number,
      organizationId: application.organizationId,
      applicationId: application.id,
      name: input.name,
      batchYear: input.batchYear,
      category: input.category,
      districtCode: input.districtCode,
      namedOn: input.namedOn,
      validUntil: input.validUntil,
      status: 'active',
      introduction: str(data.exhibitionOutline),
      address: str(data.address),
      bookingInfo: str(data.bookingMethod),
      phone: str(data.contactPhone) || null,
      scientists: splitScientists(str(data.scientists)),
    })
    .returning();
  await tx.insert(schema.baseStatusEvents).values({ baseId: base!.id, fromStatus: null, toStatus: 'active', reason: `命名（${input.number}）`, actorUserId: input.actorUserId });
  await queueSearchUpdate(tx, 'base', base!.id);
  await offerMembershipToNamedUnit(tx, { organizationId: base!.organizationId, baseId: base!.id, baseName: base!.name, actorUserId: input.actorUserId }, input.publicUrl);
  return base!;
}
