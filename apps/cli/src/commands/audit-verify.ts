import { parse, withDatabase, type Command } from '../cli.ts';

export const auditVerify: Command = {
  name: 'audit:verify',
  summary: '校验审计日志哈希链 / walk the audit log hash chain; exit 1 if a row was altered',
  usage: 'audit:verify   (prints {"ok":…,"rows":…} on stdout)',
  async run(argv, ctx) {
    parse(argv, {});
    const { verifyAuditChain } = await import('@ssb/api'); // the whole API: load it only when needed
    const result = await withDatabase(ctx, ({ db }) => verifyAuditChain(db));
    ctx.out(JSON.stringify(result));
    if (result.ok) return 0;
    const what = result.problem === 'link' ? 'does not link to the row before it' : 'does not match its hash';
    ctx.err(`审计日志校验失败 / audit chain broken at seq ${result.firstBadSeq}: the row ${what}`);
    return 1;
  },
};
