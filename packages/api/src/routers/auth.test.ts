import { makeUscc } from '@ssb/domain/uscc';
import { argon2Runs } from '@ssb/db/password';
import { DEMO_PASSWORD, seedDemo } from '@ssb/db/seed';
import { dummyPasswordHash, schema } from '@ssb/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '@ssb/db/testing';
import { purgeExpiredSessions } from '../services/auth/sessions.ts';
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

const tokenIn = (body: string | undefined, path: string) => body?.match(new RegExp(`${path}\\?token=([\\w-]+)`))?.[1];
const TOO_MANY = { code: 'TOO_MANY_REQUESTS', message: '操作过于频繁，请稍后再试' };

describe.each(TEST_ENGINES)('accounts on %s', (engine) => {
  let api: TestApi;
  let ipSeq = 0;
  /** Each test its own client address, so one test's rate limits do not reach the next. */
  const fresh = () => api.anonymous(`10.1.${engine === 'pglite' ? 1 : 2}.${++ipSeq}`);
  const mailTo = async (address: string) => {
    await api.runJobs();
    return api.lastMailTo(address)?.body;
  };
  beforeAll(async () => {
    api = await createTestApi(engine);
    await seedDemo(api.db);
  });
  afterAll(() => api?.close());

  it('registers an unverified account that cannot sign in until the emailed link is followed, once', async () => {
    const caller = await fresh();
    await expect(caller.auth.register(registration(1))).resolves.toEqual({ status: 'check_mail', email: 'user1@example.org' });
    expect(caller.cookies.token).toBeNull();

    await expect(caller.auth.login({ email: 'user1@example.org', password: 'Wrong-pass-2022' })).rejects.toMatchObject({ message: '邮箱或密码不正确' });
    await expect(caller.auth.login({ email: 'user1@example.org', password: 'Secret-pass-2022' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: expect.stringContaining('尚未验证'),
    });

    const token = tokenIn(await mailTo('user1@example.org'), '/portal/verify-email');
    expect(token).toBeTruthy();
    const visitor = await fresh();
    const me = await visitor.auth.verifyEmail({ token: token! });
    expect(me?.memberships).toEqual([expect.objectContaining({ role: 'applicant', organizationName: '测试科技馆1' })]);
    expect((await (await api.callerWithToken(visitor.cookies.token)).auth.me())?.email).toBe('user1@example.org');
    await expect(visitor.auth.verifyEmail({ token: token! })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.auth.login({ email: 'user1@example.org', password: 'Secret-pass-2022' })).resolves.toBeTruthy();
  });

  it('answers a registration for a taken address like any other, stores no hash, and tells the owner by mail', async () => {
    const caller = await fresh();
    const input = registration(4);
    input.user.email = 'applicant@demo.ssb.local';
    await dummyPasswordHash();
    const [hashes, verifies] = [argon2Runs.hash, argon2Runs.verify];
    await expect(caller.auth.register(input)).resolves.toEqual({ status: 'check_mail', email: 'applicant@demo.ssb.local' });
    // No hash is made, but one argon2 run of the same cost keeps the timing of a new registration.
    expect(argon2Runs.hash).toBe(hashes);
    expect(argon2Runs.verify).toBe(verifies + 1);
    expect(await mailTo('applicant@demo.ssb.local')).toContain('本邮箱已有账号');
    expect(await api.db.query.organizations.findFirst({ where: eq(schema.organizations.uscc, input.organization.uscc) })).toBeUndefined();
  });

  it('refuses a wrong check character in the credit code with a Chinese message naming the field', async () => {
    const caller = await fresh();
    const input = registration(2);
    const code = input.organization.uscc;
    input.organization.uscc = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    await expect(caller.auth.register(input)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ issues: [expect.objectContaining({ message: '统一社会信用代码校验位不正确，请核对' })] }),
    });
  });

  it('refuses a weak password with the shared Chinese message', async () => {
    const caller = await fresh();
    const input = registration(5);
    input.user.password = '1234567890';
    await expect(caller.auth.register(input)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: expect.objectContaining({ issues: [expect.objectContaining({ message: expect.stringContaining('连续') })] }),
    });
  });

  it('refuses the same credit code twice before hashing, and lets the unit ask the office to check it', async () => {
    const caller = await fresh();
    const input = registration(3);
    input.organization.uscc = registration(1).organization.uscc;
    const hashes = argon2Runs.hash;
    await expect(caller.auth.register(input)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('核实') });
    expect(argon2Runs.hash).toBe(hashes);

    await caller.auth.claimUscc({ uscc: input.organization.uscc, organizationName: '真正的科技馆', name: '李老师', email: 'real@example.org', mobile: '13900139000', message: '我单位从未注册' });
    const office = await api.db.query.users.findFirst({ where: eq(schema.users.email, 'office@demo.ssb.local') });
    const notices = await api.db.query.notifications.findMany({ where: eq(schema.notifications.userId, office!.id) });
    expect(notices.map((n) => n.body)).toEqual(expect.arrayContaining([expect.stringContaining(input.organization.uscc)]));
    const audited = await api.db.query.auditLog.findMany({ where: eq(schema.auditLog.action, 'organization.uscc_claimed') });
    expect(audited).toHaveLength(1);
  });

  it('deletes registrations not verified in time, freeing the address and the credit code', async () => {
    const caller = await fresh();
    await caller.auth.register(registration(6));
    await api.db.update(schema.users).set({ createdAt: new Date(Date.now() - 49 * 3600_000) }).where(eq(schema.users.email, 'user6@example.org'));
    await purgeExpiredSessions(api.db);
    expect(await api.db.query.users.findFirst({ where: eq(schema.users.email, 'user6@example.org') })).toBeUndefined();
    expect(await api.db.query.organizations.findFirst({ where: eq(schema.organizations.uscc, registration(6).organization.uscc) })).toBeUndefined();
    await caller.auth.register(registration(6));
    expect(await api.db.query.users.findFirst({ where: eq(schema.users.email, 'user6@example.org') })).toMatchObject({ status: 'unverified' });
  });

  it('limits registrations per client address', async () => {
    const caller = await fresh();
    const input = registration(7);
    input.organization.uscc = registration(1).organization.uscc;
    for (let i = 0; i < 10; i++) {
      input.user.email = `many${i}@example.org`;
      await expect(caller.auth.register(input)).rejects.toMatchObject({ code: 'CONFLICT' });
    }
    await expect(caller.auth.register(input)).rejects.toMatchObject(TOO_MANY);
  });

  it('logs in with the right password, refuses the wrong one, and logs out', async () => {
    const caller = await fresh();
    await expect(caller.auth.login({ email: 'office@demo.ssb.local', password: 'wrong-password-1' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: '邮箱或密码不正确',
    });
    const me = await caller.auth.login({ email: 'office@demo.ssb.local', password: DEMO_PASSWORD });
    expect(me?.memberships[0]?.role).toBe('office');
    const token = caller.cookies.token!;
    // Both sign-ins are in the audit log, with the client address.
    const office = await api.db.query.users.findFirst({ where: eq(schema.users.email, 'office@demo.ssb.local') });
    const audited = await api.db.select().from(schema.auditLog).where(eq(schema.auditLog.entityId, office!.id));
    expect(audited.filter((a) => a.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(1);
    expect(audited.filter((a) => a.action === 'auth.login').at(-1)?.data).toMatchObject({ ip: expect.stringMatching(/^10\.1\./) });
    const signedIn = await api.callerWithToken(token);
    await signedIn.auth.logout();
    expect(signedIn.cookies.token).toBeNull();
    expect(await (await api.callerWithToken(token)).auth.me()).toBeNull();
  });

  it('locks an account after five wrong passwords from one address only; the owner elsewhere still signs in', async () => {
    const attacker = await fresh();
    for (let i = 0; i < 4; i++) {
      await expect(attacker.auth.login({ email: 'expert@demo.ssb.local', password: `wrong-${i}` })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(attacker.auth.login({ email: 'expert@demo.ssb.local', password: 'wrong-5' })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    await expect(attacker.auth.login({ email: 'expert@demo.ssb.local', password: DEMO_PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('一次性登录链接'),
    });
    const owner = await fresh();
    await expect(owner.auth.login({ email: 'expert@demo.ssb.local', password: DEMO_PASSWORD })).resolves.toBeTruthy();
    // The office sees the pause on the user list, with when it ends.
    const officeId = (await api.db.query.users.findFirst({ where: eq(schema.users.email, 'office@demo.ssb.local') }))!.id;
    const listed = (await (await api.as(officeId)).admin.users({ search: 'expert@demo', page: 1, pageSize: 20 })).items.find((u) => u.email === 'expert@demo.ssb.local');
    expect(new Date(listed!.lockedUntil!).getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
  });

  it('an unknown address locks exactly like a known one, and both still run argon2', async () => {
    const caller = await fresh();
    const outcomes: string[][] = [];
    for (const email of ['funding@demo.ssb.local', 'nobody-here@example.org']) {
      const codes: string[] = [];
      for (let i = 0; i < 7; i++) {
        const verifies = argon2Runs.verify;
        await caller.auth.login({ email, password: `wrong-${i}` }).catch((e: { code: string; message: string }) => codes.push(`${e.code}:${e.message}`));
        expect(argon2Runs.verify).toBe(verifies + 1);
      }
      outcomes.push(codes);
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]!.at(-1)).toContain('TOO_MANY_REQUESTS');
  });

  it('lets a locked-out owner sign in through a one-time emailed link', async () => {
    const caller = await fresh();
    for (let i = 0; i < 5; i++) await caller.auth.login({ email: 'district@demo.ssb.local', password: `wrong-${i}` }).catch(() => null);
    await expect(caller.auth.requestLoginLink({ email: 'district@demo.ssb.local' })).resolves.toEqual({ ok: true });
    await expect(caller.auth.requestLoginLink({ email: 'nobody-here@example.org' })).resolves.toEqual({ ok: true });
    const token = tokenIn(await mailTo('district@demo.ssb.local'), '/portal/login-link');
    expect(token).toBeTruthy();
    const me = await caller.auth.loginWithLink({ token: token! });
    expect(me?.email).toBe('district@demo.ssb.local');
    expect(caller.cookies.token).toBeTruthy();
    await expect(caller.auth.loginWithLink({ token: token! })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    for (let i = 0; i < 2; i++) await caller.auth.requestLoginLink({ email: 'district@demo.ssb.local' });
    await expect(caller.auth.requestLoginLink({ email: 'district@demo.ssb.local' })).rejects.toMatchObject(TOO_MANY);
  });

  it('limits login attempts per address across accounts', async () => {
    const caller = await fresh();
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

  it('resets a password through the emailed one-time link, ending old sessions and every older link', async () => {
    const before = await fresh();
    await before.auth.login({ email: 'applicant2@demo.ssb.local', password: DEMO_PASSWORD });
    const oldToken = before.cookies.token;

    const caller = await fresh();
    await caller.auth.requestPasswordReset({ email: 'applicant2@demo.ssb.local' });
    const older = tokenIn(await mailTo('applicant2@demo.ssb.local'), '/portal/reset-password');
    await caller.auth.requestPasswordReset({ email: 'applicant2@demo.ssb.local' });
    const token = tokenIn(await mailTo('applicant2@demo.ssb.local'), '/portal/reset-password');
    expect(token).toBeTruthy();
    expect(token).not.toBe(older);
    await caller.auth.resetPassword({ token: token!, password: 'New-password-2023' });
    await expect(caller.auth.resetPassword({ token: token!, password: 'Another-pass-2023' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.auth.resetPassword({ token: older!, password: 'Another-pass-2023' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await (await api.callerWithToken(oldToken)).auth.me()).toBeNull();
    await expect(caller.auth.login({ email: 'applicant2@demo.ssb.local', password: 'New-password-2023' })).resolves.toBeTruthy();
  });

  it('checks the reset token before hashing, and refuses a password built on the email name', async () => {
    const caller = await fresh();
    const hashes = argon2Runs.hash;
    await expect(caller.auth.resetPassword({ token: 'x'.repeat(43), password: 'Fine-password-2024' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '链接无效或已过期，请重新申请',
    });
    expect(argon2Runs.hash).toBe(hashes);

    await caller.auth.requestPasswordReset({ email: 'recommender@demo.ssb.local' });
    const token = tokenIn(await mailTo('recommender@demo.ssb.local'), '/portal/reset-password');
    await expect(caller.auth.resetPassword({ token: token!, password: 'Recommender-2024' })).rejects.toMatchObject({ message: '密码不能包含邮箱名' });
    expect(argon2Runs.hash).toBe(hashes);
  });

  it('limits reset requests and link use per client address', async () => {
    const caller = await fresh();
    for (let i = 0; i < 20; i++) await caller.auth.requestPasswordReset({ email: `ghost${i}@example.org` });
    await expect(caller.auth.requestPasswordReset({ email: 'ghost-last@example.org' })).rejects.toMatchObject(TOO_MANY);

    const guesser = await fresh();
    for (let i = 0; i < 30; i++) await guesser.auth.resetPassword({ token: `guess-${i}`.padEnd(43, 'x'), password: 'Fine-password-2024' }).catch(() => null);
    await expect(guesser.auth.resetPassword({ token: 'y'.repeat(43), password: 'Fine-password-2024' })).rejects.toMatchObject(TOO_MANY);
  });

  it('answers a reset request for an unknown address the same way, sending nothing', async () => {
    const caller = await fresh();
    await expect(caller.auth.requestPasswordReset({ email: 'ghost@example.org' })).resolves.toEqual({ ok: true });
    expect(await mailTo('ghost@example.org')).toBeUndefined();
  });

  it('changes the password with the current one, ending other sessions but this one', async () => {
    const elsewhere = await fresh();
    await elsewhere.auth.login({ email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    const here = await fresh();
    await here.auth.login({ email: 'base@demo.ssb.local', password: DEMO_PASSWORD });
    const signedIn = await api.callerWithToken(here.cookies.token);

    await expect(signedIn.account.changePassword({ currentPassword: 'not-it-2024', newPassword: 'Changed-pass-2024' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: '当前密码不正确',
    });
    await signedIn.account.changePassword({ currentPassword: DEMO_PASSWORD, newPassword: 'Changed-pass-2024' });
    expect(await (await api.callerWithToken(here.cookies.token)).auth.me()).toMatchObject({ email: 'base@demo.ssb.local' });
    expect(await (await api.callerWithToken(elsewhere.cookies.token)).auth.me()).toBeNull();
    await expect((await fresh()).auth.login({ email: 'base@demo.ssb.local', password: 'Changed-pass-2024' })).resolves.toBeTruthy();
  });

  it('signs out every other session on request', async () => {
    const elsewhere = await fresh();
    await elsewhere.auth.login({ email: 'alliance@demo.ssb.local', password: DEMO_PASSWORD });
    const here = await fresh();
    await here.auth.login({ email: 'alliance@demo.ssb.local', password: DEMO_PASSWORD });
    await (await api.callerWithToken(here.cookies.token)).account.signOutOtherSessions();
    expect(await (await api.callerWithToken(here.cookies.token)).auth.me()).toBeTruthy();
    expect(await (await api.callerWithToken(elsewhere.cookies.token)).auth.me()).toBeNull();
  });
});
