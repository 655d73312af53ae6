import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root's .data folder: where the embedded defaults keep their state. */
const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

const booleanish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

/** `10.0.0.1`, `10.0.0.0/8`, `::1` or `fd00::/8`. */
const isAddressOrRange = (entry: string) => {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

/** Every environment variable the platform reads, validated once; nothing else reads process.env. */
export const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Where links in emails point; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** PostgreSQL server; unset means embedded PGlite in DATA_DIR/pglite. */
  DATABASE_URL: z.string().startsWith('postgres').optional(),
  DATA_DIR: z.string().default(DEFAULT_DATA_DIR),
  /**
   * Where unfinished tus uploads (their bytes and their state) are kept; unset means DATA_DIR/uploads.
   * With several replicas this is one volume they all mount (the only shared folder they need).
   */
  UPLOADS_DIR: z.string().optional(),
  /** SMTP server (smtp://user:pass@host:port); unset means .eml files in DATA_DIR/mail. */
  SMTP_URL: z.string().startsWith('smtp').optional(),
  MAIL_FROM: z.string().default('科学家精神教育基地工作办公室 <noreply@ssb.local>'),
  /** Set behind TLS so the session cookie is marked Secure. */
  COOKIE_SECURE: booleanish,
  /**
   * Which proxies to believe about the client's address (login limits count per address):
   * unset = none (the one-command mode), a number = that many hops, or comma-separated addresses/CIDRs.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v): boolean | number | string[] => {
      if (!v || v === 'false') return false;
      if (v === 'true') return true;
      if (/^\d+$/.test(v)) return Number(v);
      return v.split(',').map((s) => s.trim()).filter(Boolean);
    }),
  /** Who may read /metrics: comma-separated addresses or CIDR ranges (default loopback only). */
  METRICS_ALLOW: z
    .string()
    .default('127.0.0.1,::1')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((entries) => entries.every(isAddressOrRange), { error: 'METRICS_ALLOW 应为逗号分隔的 IP 地址或网段（如 10.0.0.0/8）' }),
  /** A bearer token that may read /metrics from any address (Authorization: Bearer …); unset means none. */
  METRICS_TOKEN: z.string().min(16, { error: 'METRICS_TOKEN 至少 16 个字符' }).optional(),
  /** Seed the demo campaign, units and accounts when the database is empty. */
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Serve the built web apps from this process (the one-command mode). */
  SERVE_APPS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Meilisearch server for resource search; unset means the embedded engine in the database. */
  MEILISEARCH_URL: z.url().optional(),
  MEILISEARCH_KEY: z.string().optional(),
  /** An S3-compatible store (MinIO, AWS S3, OSS…) for accepted files; unset means DATA_DIR/files on this disk. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().default('ssb'),
  S3_ACCESS_KEY: z.string().optional(),
  S3_SECRET_KEY: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  /** `endpoint/bucket/key` addressing, which MinIO-like stores need; `false` for virtual-hosted buckets. */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
});
export type Env = z.infer<typeof ZEnv>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}
