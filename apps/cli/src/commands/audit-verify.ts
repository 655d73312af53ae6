import { parse, withDatabase, type Command } from '../cli.ts';

export const auditVerify: Command = {
  name: 'audit:verify',
  summary: '校验审计日志哈希链 / walk the audit log hash chain; exit 1 if a row was altered',
  usage: 'audit:verify   (seals pending rows, then prints {"ok":…,"rows":…,"pending":…} on stdout)',
  async run(argv, ctx) {
    parse(argv, {});
    const { chainAllAudit, verifyAuditChain } = await import('@ssb/api'); // the whole API: load it only when needed
    // Seal what is pending first (serialised with a running server's chainer), then walk the chain.
    const result = await withDatabase(ctx, async ({ db }) => {
      await chainAllAudit(db);
      return verifyAuditChain(db);
    });
    ctx.out(JSON.stringify(result));
    if (result.ok) return 0;
    const what = {
      link: 'does not link to the row before it',
      content: 'does not match its hash',
      missing: 'is listed by a seal but gone',
      unsealed: 'was added to a range already sealed',
    }[result.problem];
    ctx.err(`审计日志校验失败 / audit chain broken at seq ${result.firstBadSeq}: the row ${what}`);
    return 1;
  },
};
