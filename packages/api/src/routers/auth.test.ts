import { makeUscc } from '@ssb/domain/uscc';
import { DEMO_PASSWORD, seedDemo } from '@ssb/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '@ssb/db/testing';
import { createTestApi, type TestApi } from '../testing/harness.ts';

const registration = (n: number) => ({
  organization: {
    name: `测试科技馆${n}`,
    uscc: makeUscc(5000 + n),
    type: 'museum' as const,
    districtCode: '110108' as const,
    address: '北京市海淀区测试路1号',
    contactName: '王老师',
    contactPhone: '010-84650077',
    contactEmail: `museum${n}@example.org`,
  },
  user: { name: '王老师', email: `user${n}@example.org`, mobile: '13800138000', password: 'Secret-pass-2022' },
});

describe.each(TEST_ENGINES)('accounts on %s', (engine) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
  });
  afterAll(() => api?.close());

  it('registers an organization with its first user as applicant, signed in at once', async () => {
    const caller = await api.anonymous();
    const me = await caller.auth.register(registration(1));
    expect(me?.memberships).toEqual([expect.objectContaining({ role: 'applicant', organizationName: '测试科技馆1' })]);
    expect(caller.cookies.token).toBeTruthy();
    const again = await api.callerWithToken(caller.cookies.token);
    expect((await again.auth.me())?.email).toBe('user1@example.org');
  });

  it('refuses a wrong check character in the credit code with a Chinese message naming the field', async () => {
    const caller = await api.anonymous();
    const input = registration(2);
    const code = input.organization.uscc;
    input.organization.uscc = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    await expect(caller.auth.register(input)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ issues: [expect.objectContaining({ message: '统一社会信用代码校验位不正确，请核对' })] }),
    });
  });

  it('refuses the same credit code twice', async () => {
    const caller = await api.anonymous();
    const input = registration(3);
    input.organization.uscc = registration(1).organization.uscc;
    await expect(caller.auth.register(input)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('logs in with the right password, refuses the wrong one, and logs out', async () => {
    const caller = await api.anonymous();
    await expect(caller.auth.login({ email: 'office@demo.ssb.local', password: 'wrong-password-1' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: '邮箱或密码不正确',
    });
    const me = await caller.auth.login({ email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    expect(me?.memberships[0]?.role).toBe('office');
    const token = caller.cookies.token!;
    const signedIn = await api.callerWithToken(token);
    await signedIn.auth.logout();
    expect(signedIn.cookies.token).toBeNull();
    expect(await (await api.callerWithToken(token)).auth.me()).toBeNull();
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const caller = await api.anonymous('10.0.0.5');
    for (let i = 0; i < 4; i++) {
      await expect(caller.auth.login({ email: 'expert@demo.ssb.local', password: `wrong-${i}` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(caller.auth.login({ email: 'expert@demo.ssb.local', password: 'wrong-5' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(caller.auth.login({ email: 'expert@demo.ssb.local', password: DEMO_PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('已锁定'),
    });
  });

  it('limits login attempts per address across accounts', async () => {
    const caller = await api.anonymous('10.0.0.9');
    let limited = 0;
    for (let i = 0; i < 32; i++) {
      try {
        await caller.auth.login({ email: `nobody${i}@example.org`, password: 'whatever-1' });
      } catch (error) {
        if ((error as { code?: string }).code === 'TOO_MANY_REQUESTS') limited++;
      }
    }
    expect(limited).toBe(2);
  });

  it('resets a password through the emailed one-time link and ends old sessions', async () => {
    const before = await api.anonymous();
    await before.auth.login({ email: 'applicant2@demo.ssb.local', password: DEMO_PASSWORD });
    const oldToken = before.cookies.token;

    const caller = await api.anonymous();
    await caller.auth.requestPasswordReset({ email: 'applicant2@demo.ssb.local' });
    const mail = api.lastMailTo('applicant2@demo.ssb.local');
    const token = mail?.body.match(/token=([\w-]+)/)?.[1];
    expect(token).toBeTruthy();
    await caller.auth.resetPassword({ token: token!, password: 'New-password-2023' });
    await expect(caller.auth.resetPassword({ token: token!, password: 'Another-pass-2023' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await (await api.callerWithToken(oldToken)).auth.me()).toBeNull();
    await expect(caller.auth.login({ email: 'applicant2@demo.ssb.local', password: 'New-password-2023' })).resolves.toBeTruthy();
  });

  it('answers a reset request for an unknown address the same way, sending nothing', async () => {
    const caller = await api.anonymous();
    await expect(caller.auth.requestPasswordReset({ email: 'ghost@example.org' })).resolves.toEqual({ ok: true });
    expect(api.lastMailTo('ghost@example.org')).toBeNull();
  });
});
