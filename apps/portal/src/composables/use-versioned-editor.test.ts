import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { toFieldErrors, useVersionedEditor } from './use-versioned-editor.ts';
// The error class the shared client's describeError knows (the portal itself does not depend on @trpc/client).
import { TRPCClientError } from '../../../../packages/ui/node_modules/@trpc/client/dist/index.mjs';

// Node has no localStorage: a plain in-memory one, as the browser's behaves.
class MemoryStorage {
  private items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  get size() {
    return this.items.size;
  }
}

type Form = { title: string; tags: string[] };
type Row = { version: number; baseId: string; title: string; tags: string[]; isEditable: boolean };

function setUp(options: { id?: string | null; mayRestore?: boolean } = {}) {
  const id = ref<string | null>(options.id === undefined ? 'r1' : options.id);
  const record = ref<Row | undefined>();
  const bases = ref<Array<{ id: string }> | undefined>();
  const notices: string[] = [];
  const scope = effectScope();
  const editor = scope.run(() =>
    useVersionedEditor<Form, Row>({
      draftKey: () => `thing:${id.value ?? 'new'}`,
      isNew: ref(!id.value),
      record,
      bases,
      empty: () => ({ title: '', tags: [] }),
      toForm: (r) => ({ title: r.title, tags: [...r.tags] }),
      mayRestore: options.mayRestore === false ? (r) => r.isEditable : undefined,
      onRestored: () => notices.push('restored'),
      conflictText: () => 'someone saved first',
    }),
  )!;
  return { editor, record, bases, notices, scope };
}

const row = (over: Partial<Row> = {}): Row => ({ version: 3, baseId: 'b2', title: 'Server', tags: ['a'], isEditable: true, ...over });
/** A failed call as the tRPC client reports it: the server's code and its zod issues. */
const failure = (code: string, message: string, issues: Array<{ path: string; message: string }> = []) =>
  TRPCClientError.from({ error: { message, code: -32000, data: { code, issues } } } as never);

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  (globalThis as { localStorage?: unknown }).localStorage = storage;
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('useVersionedEditor', () => {
  it('loads the record into the form with its version and base, and is clean until the form changes', async () => {
    const { editor, record } = setUp();
    expect(editor.version.value).toBe(0);
    record.value = row();
    await nextTick();
    expect(editor.form.value).toEqual({ title: 'Server', tags: ['a'] });
    expect(editor.version.value).toBe(3);
    expect(editor.baseId.value).toBe('b2');
    expect(editor.isDirty.value).toBe(false);
    editor.form.value.tags.push('b');
    expect(editor.isDirty.value).toBe(true);
  });

  it('keeps the typed copy in this browser and offers it back over the server copy, until a save commits it', async () => {
    const first = setUp();
    first.record.value = row();
    await nextTick();
    first.editor.form.value.title = 'Typed';
    await nextTick();
    expect(storage.getItem('ssb:draft:thing:r1')).toContain('Typed');
    first.scope.stop();

    const again = setUp();
    again.record.value = row();
    await nextTick();
    expect(again.editor.form.value.title).toBe('Typed');
    expect(again.notices).toEqual(['restored']);
    expect(again.editor.isDirty.value).toBe(true);

    again.editor.commit(4);
    expect(again.editor.version.value).toBe(4);
    expect(again.editor.isDirty.value).toBe(false);
    expect(storage.getItem('ssb:draft:thing:r1')).toBeNull();
  });

  it('does not put a kept copy back over a record the page says may not be restored', async () => {
    storage.setItem('ssb:draft:thing:r1', JSON.stringify({ title: 'Typed', tags: [] }));
    const { editor, record, notices } = setUp({ mayRestore: false });
    record.value = row({ isEditable: false });
    await nextTick();
    expect(editor.form.value.title).toBe('Server');
    expect(notices).toEqual([]);
  });

  it('gives a new record the first of the viewer bases and restores a new draft', async () => {
    storage.setItem('ssb:draft:thing:new', JSON.stringify({ title: 'Half typed', tags: [] }));
    const { editor, bases, notices } = setUp({ id: null });
    expect(editor.form.value.title).toBe('Half typed');
    expect(notices).toEqual(['restored']);
    bases.value = [{ id: 'b1' }, { id: 'b2' }];
    await nextTick();
    expect(editor.baseId.value).toBe('b1');
  });

  it('sends nothing when the check names fields, and tracks the save state', async () => {
    const { editor } = setUp();
    let calls = 0;
    await editor.save(
      async () => {
        calls += 1;
      },
      () => ({ title: 'required' }),
    );
    expect(calls).toBe(0);
    expect(editor.fieldErrors.value).toEqual({ title: 'required' });

    let seenSaving = false;
    await editor.save(async () => {
      seenSaving = editor.isSaving.value;
    });
    expect(seenSaving).toBe(true);
    expect(editor.isSaving.value).toBe(false);
    expect(editor.fieldErrors.value).toEqual({});
  });

  it('tells a version conflict from other failures, with the server field messages', async () => {
    const { editor } = setUp();
    await editor.save(async () => {
      throw failure('CONFLICT', 'stale');
    });
    expect(editor.isConflict.value).toBe(true);
    expect(editor.error.value).toBe('someone saved first');

    await editor.save(async () => {
      throw failure('BAD_REQUEST', 'Bad title', [
        { path: 'title', message: 'first' },
        { path: 'title', message: 'second' },
        { path: 'tags.0', message: 'bad tag' },
      ]);
    });
    expect(editor.isConflict.value).toBe(false);
    expect(editor.error.value).toBe('Bad title');
    expect(editor.fieldErrors.value).toEqual({ title: 'first', tags: 'bad tag' });
  });
});

describe('toFieldErrors', () => {
  it('keeps the first message per field from string or array paths', () => {
    expect(toFieldErrors([{ path: ['startsAt'], message: 'a' }, { path: 'startsAt', message: 'b' }, { path: 'place.x', message: 'c' }], (m) => `<${m}>`)).toEqual({ startsAt: '<a>', place: '<c>' });
  });
});
