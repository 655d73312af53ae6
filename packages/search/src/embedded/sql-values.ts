import { sql, type SQL } from 'drizzle-orm';

/** A text[] parameter (drizzle would otherwise spread a JS array into a list of parameters). */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}
