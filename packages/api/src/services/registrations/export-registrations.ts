import { renderRegistrationsXlsx, sanitizeFileName, type RegistrationSheetRow } from '@ssb/documents';
import { schema } from '@ssb/db';
import { AUDIENCE_LABELS, type Audience } from '@ssb/domain/bases';
import { REGISTRATION_STATUS_LABELS, type RegistrationStatus } from '@ssb/domain/event-registration';
import { formatEventPeriod } from '@ssb/domain/events';
import { toWallClock } from '@ssb/domain/time';
import { asc, eq } from 'drizzle-orm';
import type { ApiDeps } from '../../context.ts';
import { appendAudit } from '../audit/append.ts';
import type { ManagerViewer } from '../base-profile/managed-bases.ts';
import { attendance } from './check-in.ts';
import { loadHostedEvent } from './host-access.ts';
import { seatCounts } from './list-registrations.ts';

const wallClock = (at: Date | null) => (at ? toWallClock(at).slice(0, 16) : '');

/**
 * The host's workbook (host and accepted co-hosts' managers only — the same rule as the list): every
 * registration, the waiting list in its order, and the door's count. Audited, since it carries personal data.
 */
export async function exportRegistrations(deps: Pick<ApiDeps, 'db'>, viewer: ManagerViewer, eventId: string, now = new Date()) {
  const event = await loadHostedEvent(deps.db, viewer, eventId);
  const r = schema.eventRegistrations;
  const rows = await deps.db.select().from(r).where(eq(r.eventId, event.id)).orderBy(asc(r.seq));
  const toRow = (row: (typeof rows)[number], index: number): RegistrationSheetRow => ({
    seq: index + 1,
    code: row.code,
    name: row.name,
    phone: row.phone,
    email: row.email,
    schoolName: row.schoolName,
    audience: row.audience ? AUDIENCE_LABELS[row.audience as Audience]?.zh ?? row.audience : '',
    seats: row.seats,
    status: REGISTRATION_STATUS_LABELS[row.status as RegistrationStatus]?.zh ?? row.status,
    registeredAt: wallClock(row.createdAt),
    checkedInAt: wallClock(row.checkedInAt),
  });
  const counts = await seatCounts(deps.db, event.id);
  const door = await attendance(deps.db, event.id);
  const file = await renderRegistrationsXlsx({
    eventTitle: event.title,
    eventPeriod: `${formatEventPeriod(event.startsAt, event.endsAt)}（北京时间）`,
    place: event.place,
    capacity: event.capacity,
    generatedAt: `${wallClock(now)}（北京时间）`,
    purgedNote: event.personalDataPurgedAt ? `报名人个人信息已于 ${wallClock(event.personalDataPurgedAt)} 按规定删除，仅保留人数` : null,
    registrations: rows.map(toRow),
    waiting: rows.filter((row) => row.status === 'waitlisted').map(toRow),
    attendance: { ...door, ...counts },
  });
  await appendAudit(deps.db, { actorUserId: viewer.userId, action: 'registration.export', entityType: 'base_event', entityId: event.id, data: { rows: rows.length } });
  return { fileName: `${sanitizeFileName(event.title)}-报名名单.xlsx`, file };
}
