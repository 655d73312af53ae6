import { accountRouter } from './routers/account.ts';
import { adminRouter } from './routers/admin.ts';
import { applicationsRouter } from './routers/applications.ts';
import { authRouter } from './routers/auth.ts';
import { campaignsRouter } from './routers/campaigns.ts';
import { referenceRouter } from './routers/reference.ts';
import { basesRouter } from './routers/bases.ts';
import { bookingsRouter } from './routers/bookings.ts';
import { resourcesRouter } from './routers/resources.ts';
import { intakeRouter } from './routers/intake.ts';
import { paperRouter } from './routers/paper.ts';
import { auditRouter } from './routers/audit.ts';
import { statisticsRouter } from './routers/statistics.ts';
import { decisionsRouter } from './routers/decisions.ts';
import { noticesRouter } from './routers/notices.ts';
import { registerRouter } from './routers/register.ts';
import { reviewRouter } from './routers/review.ts';
import { searchRouter } from './routers/search.ts';
import { eventsRouter } from './routers/events.ts';
import { alliancesRouter } from './routers/alliances.ts';
import { activityCampaignsRouter } from './routers/activity-campaigns.ts';
import { fundingRouter } from './routers/funding.ts';
import { eventReportsRouter } from './routers/event-reports.ts';
import { evaluationRouter } from './routers/evaluation.ts';
import { createTRPCRouter } from './trpc.ts';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  account: accountRouter,
  reference: referenceRouter,
  admin: adminRouter,
  campaigns: campaignsRouter,
  applications: applicationsRouter,
  bases: basesRouter,
  resources: resourcesRouter,
  bookings: bookingsRouter,
  intake: intakeRouter,
  paper: paperRouter,
  audit: auditRouter,
  statistics: statisticsRouter,
  decisions: decisionsRouter,
  notices: noticesRouter,
  register: registerRouter,
  review: reviewRouter,
  search: searchRouter,
  events: eventsRouter,
  alliances: alliancesRouter,
  activityCampaigns: activityCampaignsRouter,
  funding: fundingRouter,
  eventReports: eventReportsRouter,
  evaluation: evaluationRouter,
});

export type AppRouter = typeof appRouter;
