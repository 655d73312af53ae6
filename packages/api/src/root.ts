import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { authRouter } from './routers/auth.ts';
import { referenceRouter } from './routers/reference.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  reference: referenceRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
