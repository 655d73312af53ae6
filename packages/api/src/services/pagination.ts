import { z } from 'zod';

export const ZPage = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type TPage = z.infer<typeof ZPage>;

export const pageOffset = ({ page, pageSize }: TPage) => (page - 1) * pageSize;
