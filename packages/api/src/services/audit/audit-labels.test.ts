import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_ACTION_LABELS, AUDIT_FAMILY_LABELS } from '@ssb/domain/audit-labels';
import { APPLICATION_TRANSITIONS } from '@ssb/domain/application-status';
import { BASE_STATUSES } from '@ssb/domain/bases';
import { EVENT_ACTIONS } from '@ssb/domain/events';
import { SELECTION_OUTCOMES } from '@ssb/domain/selection';
import { RESOURCE_ACTIONS } from '@ssb/domain/shared-resources';
import { describe, expect, it } from 'vitest';

/** Every .ts file (tests aside) of the folders that write audit rows. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}
const ROOTS = ['../..', '../../../../../apps/server/src'].map((r) => fileURLToPath(new URL(r, import.meta.url)));
const FAMILIES = Object.keys(AUDIT_FAMILY_LABELS).join('|');

describe('audit action names', () => {
  it('names every action the code writes, so the office never reads a raw code', () => {
    const written = new Set<string>();
    for (const file of ROOTS.flatMap(sources)) {
      const text = readFileSync(file, 'utf8');
      if (!/appendAudit|logView/.test(text)) continue;
      for (const match of text.matchAll(new RegExp(`'((?:${FAMILIES})\\.[a-z_.]+)'`, 'g'))) written.add(match[1]!);
    }
    // Actions built from the domain's own lists.
    for (const a of Object.keys(APPLICATION_TRANSITIONS)) written.add(`application.${a}`);
    for (const s of BASE_STATUSES) written.add(`base.${s}`);
    for (const a of Object.keys(EVENT_ACTIONS)) written.add(`event.${a}`);
    for (const o of SELECTION_OUTCOMES) written.add(`decision.${o}`);
    for (const a of Object.keys(RESOURCE_ACTIONS)) written.add(`resource.${a}`);
    for (const d of ['approved', 'declined']) written.add(`booking.${d}`);
    for (const f of ['xlsx', 'pdf']) written.add(`export.summary_${f}`);
    expect(written.size).toBeGreaterThan(60);
    expect([...written].filter((a) => !AUDIT_ACTION_LABELS[a]).sort()).toEqual([]);
  });
});
