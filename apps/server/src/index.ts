import { DEMO_PASSWORD } from '@ssb/db/seed';
import { ROLE_LABELS } from '@ssb/domain/roles';
import { createServer } from './server.ts';

const started = Date.now();
const platform = await createServer();
await platform.start();

const base = platform.publicUrl;
const accounts = platform.env.SEED_DEMO ? await platform.demoAccounts() : [];
const lines = [
  '',
  '  科学家精神教育基地 Scientist Spirit Bases platform',
  `  database: ${platform.database.kind === 'pglite' ? `PGlite (${platform.env.DATA_DIR}/pglite)` : 'PostgreSQL'}` +
    `   mail: ${platform.env.SMTP_URL ? 'SMTP' : `${platform.env.DATA_DIR}/mail/*.eml`}   ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  '',
  `  资源共享平台 platform  ${base}/`,
  `  申报门户     portal    ${base}/portal/`,
  `  管理后台     admin     ${base}/admin/`,
  `  API                    ${base}/trpc   health ${base}/healthz   metrics ${base}/metrics`,
  '',
];
if (accounts.length) {
  lines.push(`  Demo accounts (password: ${DEMO_PASSWORD})`);
  for (const a of accounts) lines.push(`    ${a.email.padEnd(30)} ${ROLE_LABELS[a.role].zh.padEnd(8, '　')} ${a.organization}`);
  lines.push('');
}
if (platform.webApps.length < 3) lines.push('  Some web apps are not built: run `pnpm start` (it builds them) or `pnpm build`.', '');
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await platform.stop();
    process.exit(0);
  });
}
