import { schema } from '@ssb/db';
import { ZOrganizationInput } from '@ssb/domain/accounts';
import { DISTRICT_CODES } from '@ssb/domain/districts';
import { ORGANIZATION_TYPES } from '@ssb/domain/organizations';
import { eq } from 'drizzle-orm';
import { CliError, parse, UsageError, withDatabase, type Command } from '../cli.ts';

const { organizations } = schema;

const FLAGS = {
  name: 'name',
  uscc: 'uscc',
  type: 'type',
  district: 'districtCode',
  address: 'address',
  'contact-name': 'contactName',
  'contact-phone': 'contactPhone',
  'contact-email': 'contactEmail',
} as const;

/** So a fresh production database can get the office's own organization before its first account. */
export const orgCreate: Command = {
  name: 'org:create',
  summary: '创建单位（如工作办公室） / create an organization, e.g. the programme office before its first account',
  usage: [
    'org:create --name N --uscc <统一社会信用代码> --type T --district D --address A',
    '           --contact-name N --contact-phone P --contact-email E',
    `  types: ${ORGANIZATION_TYPES.join(', ')}`,
    `  districts: ${DISTRICT_CODES.join(', ')}`,
  ].join('\n'),
  async run(argv, ctx) {
    const { values } = parse(
      argv,
      Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])) as Record<
        keyof typeof FLAGS,
        { type: 'string' }
      >,
    );
    const missing = Object.keys(FLAGS).filter((flag) => !values[flag as keyof typeof FLAGS]);
    if (missing.length) throw new UsageError(`缺少 / missing: ${missing.map((f) => `--${f}`).join(' ')}`);
    const input = Object.fromEntries(Object.entries(FLAGS).map(([flag, key]) => [key, values[flag as keyof typeof FLAGS]]));
    const parsed = ZOrganizationInput.safeParse(input);
    if (!parsed.success) {
      const flagOf = (key: PropertyKey) => Object.entries(FLAGS).find(([, k]) => k === key)?.[0] ?? String(key);
      throw new UsageError(parsed.error.issues.map((i) => `--${flagOf(i.path[0] ?? '')}: ${i.message}`).join('\n'));
    }
    const org = parsed.data;
    ctx.out(`数据库 database: ${ctx.describeDatabase()}`);
    const { appendAudit } = await import('@ssb/api');
    const created = await withDatabase(ctx, ({ db }) =>
      db.transaction(async (tx) => {
        const [existing] = await tx.select().from(organizations).where(eq(organizations.uscc, org.uscc));
        if (existing) throw new CliError(`该信用代码已有单位 / organization ${org.uscc} already exists: ${existing.name} (${existing.id})`);
        const [row] = await tx.insert(organizations).values({ ...org, isDemo: false }).returning();
        await appendAudit(tx, {
          actorUserId: null,
          action: 'organization.created',
          entityType: 'organization',
          entityId: row!.id,
          data: { name: org.name, uscc: org.uscc, via: 'cli' },
        });
        return row!;
      }),
    );
    ctx.out(`已创建单位 / organization created: ${created.name}`);
    ctx.out(`  id ${created.id}   统一社会信用代码 USCC ${created.uscc}`);
  },
};
