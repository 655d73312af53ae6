import type { Database } from '@ssb/db';
import { schema } from '@ssb/db';
import type { ResourceStatus } from '@ssb/domain/bases';
import { actionsFor, RESOURCE_ACTIONS, type ResourceAction, type TResourceFields } from '@ssb/domain/shared-resources';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../audit/append.ts';
import { listManagedBases, loadManagedBase, type ManagerViewer } from '../base-profile/managed-bases.ts';
import { userError } from '../errors.ts';
import { queueSearchUpdate } from '../search/outbox.ts';
import { richTextToPlain, sanitizeRichText } from './sanitize.ts';

const cleanFields = (fields: TResourceFields) => {
  const descriptionHtml = sanitizeRichText(fields.descriptionHtml);
  return {
    ...fields,
    descriptionHtml,
    descriptionText: richTextToPlain(descriptionHtml),
    // Terms without lending make no sense: an unlent resource keeps none.
    lendingTerms: fields.lendable ? fields.lendingTerms : '',
    maxBookingDays: fields.lendable ? fields.maxBookingDays : null,
  };
};

/** The resources of the bases the viewer manages, newest first, with the moves open to each. */
export async function listMyResources(db: Database, viewer: ManagerViewer, input: { status?: ResourceStatus; page: number; pageSize: number }) {
  const bases = await listManagedBases(db, viewer);
  if (bases.length === 0) return { total: 0, page: input.page, pageSize: input.pageSize, items: [], bases: [] };
  const where = and(inArray(schema.resources.baseId, bases.map((b) => b.id)), input.status ? eq(schema.resources.status, input.status) : undefined);
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(schema.resources).where(where);
  const rows = await db
    .select({
      id: schema.resources.id,
      baseId: schema.resources.baseId,
      type: schema.resources.type,
      title: schema.resources.title,
      status: schema.resources.status,
      lendable: schema.resources.lendable,
      updatedAt: schema.resources.updatedAt,
      publishedAt: schema.resources.publishedAt,
    })
    .from(schema.resources)
    .where(where)
    .orderBy(desc(schema.resources.updatedAt))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    items: rows.map((r) => ({ ...r, actions: actionsFor(r.status) })),
    bases: bases.map((b) => ({ id: b.id, name: b.name })),
  };
}

async function loadMyResource(db: Pick<Database, 'select'>, viewer: ManagerViewer, resourceId: string) {
  const [resource] = await db.select().from(schema.resources).where(eq(schema.resources.id, resourceId));
  if (!resource) throw userError('NOT_FOUND', '未找到该资源');
  await loadManagedBase(db as Database, viewer, resource.baseId);
  return resource;
}

export async function getMyResource(db: Database, viewer: ManagerViewer, resourceId: string) {
  const resource = await loadMyResource(db, viewer, resourceId);
  return { ...resource, actions: actionsFor(resource.status) };
}

export async function createResource(db: Database, viewer: ManagerViewer, input: TResourceFields & { baseId: string }) {
  return db.transaction(async (tx) => {
    const base = await loadManagedBase(tx, viewer, input.baseId);
    const { baseId: _b, ...fields } = input;
    const [created] = await tx
      .insert(schema.resources)
      .values({ ...cleanFields(fields), baseId: base.id, status: 'draft', createdBy: viewer.userId })
      .returning({ id: schema.resources.id, version: schema.resources.version });
    await queueSearchUpdate(tx, 'resource', created!.id);
    return created!;
  });
}

/** Saves the editor's fields only over the version it started from, so a colleague's save is never lost. */
export async function updateResource(db: Database, viewer: ManagerViewer, input: TResourceFields & { resourceId: string; version: number }) {
  return db.transaction(async (tx) => {
    const resource = await loadMyResource(tx, viewer, input.resourceId);
    const { resourceId: _r, version, ...fields } = input;
    const [saved] = await tx
      .update(schema.resources)
      .set({ ...cleanFields(fields), version: sql`${schema.resources.version} + 1`, updatedAt: new Date() })
      .where(and(eq(schema.resources.id, resource.id), eq(schema.resources.version, version)))
      .returning({ id: schema.resources.id, version: schema.resources.version, descriptionHtml: schema.resources.descriptionHtml });
    if (!saved) throw userError('CONFLICT', '该资源已被他人或在其他页面修改，为避免覆盖，本次未保存。请刷新后重新编辑');
    await queueSearchUpdate(tx, 'resource', resource.id);
    return saved;
  });
}

/** draft → published → archived (and back to draft or republished), as RESOURCE_ACTIONS allows. */
export async function transitionResource(db: Database, viewer: ManagerViewer, input: { resourceId: string; action: ResourceAction }) {
  const move = RESOURCE_ACTIONS[input.action];
  return db.transaction(async (tx) => {
    const resource = await loadMyResource(tx, viewer, input.resourceId);
    if (!(move.from as readonly string[]).includes(resource.status)) throw userError('BAD_REQUEST', '资源当前状态不允许此操作，请刷新页面');
    if (move.to === 'published' && resource.descriptionText.length < 10) throw userError('BAD_REQUEST', '发布前请填写不少于 10 个字的介绍');
    if (move.to === 'published') {
      const base = await loadManagedBase(tx, viewer, resource.baseId);
      if (base.status === 'revoked' || base.status === 'expired') throw userError('FORBIDDEN', '基地已撤销或命名已到期，不能发布资源');
    }
    const [moved] = await tx
      .update(schema.resources)
      .set({
        status: move.to,
        version: sql`${schema.resources.version} + 1`,
        updatedAt: new Date(),
        ...(move.to === 'published' ? { publishedAt: new Date() } : {}),
      })
      .where(and(eq(schema.resources.id, resource.id), eq(schema.resources.status, resource.status)))
      .returning({ id: schema.resources.id, status: schema.resources.status, version: schema.resources.version });
    if (!moved) throw userError('CONFLICT', '资源状态已被他人修改，请刷新页面');
    await queueSearchUpdate(tx, 'resource', resource.id);
    await appendAudit(tx, {
      actorUserId: viewer.userId,
      action: `resource.${input.action}`,
      entityType: 'resource',
      entityId: resource.id,
      data: { from: resource.status, to: move.to },
    });
    return { ...moved, actions: actionsFor(moved.status) };
  });
}
