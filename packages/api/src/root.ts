import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { applicationsRouter } from './routers/applications.ts';
import { authRouter } from './routers/auth.ts';
import { campaignsRouter } from './routers/campaigns.ts';
import { referenceRouter } from './routers/reference.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  reference: referenceRouter,
  admin: adminRouter,
  campaigns: campaignsRouter,
  applications: applicationsRouter,
});

export type AppRouter = typeof appRouter;
