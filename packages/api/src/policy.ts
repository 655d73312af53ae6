import type { Role } from '@ssb/domain/roles';

/**
 * Who may call what: every tRPC procedure and every HTTP route outside tRPC, with the roles that
 * may call it and its row rule in words. Hand-kept on purpose — tests hold the code to this table
 * (`authorization-matrix.test.ts`, `apps/server/src/route-policy.test.ts`), so a change of access is
 * a reviewed line here, never a side effect of changing a builder.
 */
export type Who = 'public' | 'signed-in' | readonly Role[];
export type Rule = { who: Who; rows: string };

const OFFICE = ['office', 'sysadmin'] as const;

export const PROCEDURE_POLICY: Record<string, Rule> = {

  // auth
  'auth.me': { who: 'public', rows: 'the caller’s own session, or null' },
  'auth.login': { who: 'public', rows: 'anyone; rate limited per client address, failures lock an address per client address' },
  'auth.logout': { who: 'signed-in', rows: 'ends the caller’s own session' },
  'auth.register': { who: 'public', rows: 'anyone; creates an unverified account and its unit; rate limited per client address and per email' },
  'auth.verifyEmail': { who: 'public', rows: 'the holder of the emailed token; single use' },
  'auth.resendVerification': { who: 'public', rows: 'anyone; answers alike for every address; rate limited' },
  'auth.claimUscc': { who: 'public', rows: 'anyone; records a request for the office; rate limited' },
  'auth.requestLoginLink': { who: 'public', rows: 'anyone; answers alike for every address; rate limited' },
  'auth.loginWithLink': { who: 'public', rows: 'the holder of the emailed token; single use' },
  'auth.requestPasswordReset': { who: 'public', rows: 'anyone; answers alike for every address; rate limited' },
  'auth.resetPassword': { who: 'public', rows: 'the holder of the emailed token; single use; ends sessions and older links' },
  'auth.acceptInvitation': { who: 'public', rows: 'the holder of the emailed token (a new account)' },
  'auth.roleGrant': { who: 'signed-in', rows: 'the signed-in user the token was issued to, only' },
  'auth.acceptRoleGrant': { who: 'signed-in', rows: 'the signed-in user the token was issued to, only' },

  // account
  'account.organizations': { who: 'signed-in', rows: 'the caller’s own memberships' },
  'account.notifications': { who: 'signed-in', rows: 'the caller’s own notices' },
  'account.markNotificationsRead': { who: 'signed-in', rows: 'the caller’s own notices' },
  'account.mail': { who: 'signed-in', rows: 'mail sent to the caller’s own address' },
  'account.changePassword': { who: 'signed-in', rows: 'the caller’s own account, with the current password' },
  'account.signOutOtherSessions': { who: 'signed-in', rows: 'the caller’s own sessions' },

  // reference
  'reference.districts': { who: 'public', rows: 'public reference data' },
  'reference.recommendingBodies': { who: 'public', rows: 'public reference data' },
  'reference.campaigns': { who: 'public', rows: 'public facts of every campaign' },

  // admin
  'admin.dashboard': { who: OFFICE, rows: 'all campaigns' },
  'admin.users': { who: OFFICE, rows: 'every user, with emails' },
  'admin.organizations': { who: OFFICE, rows: 'every organization' },
  'admin.inviteUser': { who: OFFICE, rows: 'office grants roles below sysadmin; sysadmin any' },
  'admin.grantRole': { who: OFFICE, rows: 'office grants roles below sysadmin; sysadmin any' },
  'admin.revokeRole': { who: OFFICE, rows: 'office revokes roles below sysadmin; sysadmin any' },

  // campaigns
  'campaigns.current': { who: 'public', rows: 'the public facts of the current campaign' },
  'campaigns.quotaTable': { who: OFFICE, rows: 'every recommending body’s quota' },
  'campaigns.create': { who: OFFICE, rows: 'any campaign' },
  'campaigns.updatePhases': { who: OFFICE, rows: 'any campaign' },
  'campaigns.addFormField': { who: OFFICE, rows: 'any campaign' },
  'campaigns.setCategories': { who: OFFICE, rows: 'any campaign' },
  'campaigns.setQuota': { who: OFFICE, rows: 'any campaign' },
  'campaigns.grantExtension': { who: OFFICE, rows: 'any campaign' },

  // applications
  'applications.mine': { who: ['applicant'], rows: 'applications of the units where the caller is an applicant' },
  'applications.get': { who: ['applicant', 'recommender', 'office', 'sysadmin'], rows: 'an applicant its own unit’s; a recommender those addressed to its body, never drafts; the office all' },
  'applications.create': { who: ['applicant'], rows: 'for a unit where the caller is an applicant' },
  'applications.saveDraft': { who: ['applicant'], rows: 'its own unit’s, while editable (draft, returned, or a correction open)' },
  'applications.submit': { who: ['applicant'], rows: 'its own unit’s, in the application phase' },
  'applications.withdraw': { who: ['applicant'], rows: 'its own unit’s' },
  'applications.reopen': { who: ['applicant'], rows: 'its own unit’s' },
  'applications.desk': { who: ['recommender'], rows: 'applications addressed to the caller’s body, never drafts' },
  'applications.recommend': { who: ['recommender'], rows: 'addressed to the caller’s body, within its quota and deadline' },
  'applications.unrecommend': { who: ['recommender'], rows: 'addressed to the caller’s body, before the deadline' },
  'applications.return': { who: ['recommender'], rows: 'addressed to the caller’s body' },
  'applications.declareNone': { who: ['recommender'], rows: 'the caller’s own body' },
  'applications.materials': { who: ['applicant', 'recommender', 'office', 'sysadmin'], rows: 'as applications.get' },
  'applications.deleteMaterial': { who: ['applicant'], rows: 'its own unit’s, while editable' },
  'applications.duplicates': { who: OFFICE, rows: 'all applications of a campaign' },

  // bases
  'bases.directory': { who: 'public', rows: 'bases that are active or under rectification' },
  'bases.page': { who: 'public', rows: 'a base that is active or under rectification' },
  'bases.mine': { who: ['base_manager'], rows: 'bases of the units where the caller is a base manager' },
  'bases.profile': { who: ['base_manager'], rows: 'a base the caller manages' },
  'bases.updateProfile': { who: ['base_manager'], rows: 'a base the caller manages' },
  'bases.arrangePhotos': { who: ['base_manager'], rows: 'the photos of a base the caller manages' },

  // resources
  'resources.get': { who: 'public', rows: 'a published resource of a public base' },
  'resources.mine': { who: ['base_manager'], rows: 'resources of the bases the caller manages' },
  'resources.edit': { who: ['base_manager'], rows: 'a resource of a base the caller manages' },
  'resources.create': { who: ['base_manager'], rows: 'for a base the caller manages' },
  'resources.update': { who: ['base_manager'], rows: 'a resource of a base the caller manages' },
  'resources.transition': { who: ['base_manager'], rows: 'a resource of a base the caller manages' },
  'resources.arrangeMedia': { who: ['base_manager'], rows: 'a resource of a base the caller manages' },

  // bookings
  'bookings.list': { who: ['base_manager'], rows: 'requests made by or addressed to the bases the caller manages' },
  'bookings.mineFor': { who: ['base_manager'], rows: 'the caller’s bases’ requests for one resource' },
  'bookings.request': { who: ['base_manager'], rows: 'from a base the caller manages, for another base’s lendable resource' },
  'bookings.approve': { who: ['base_manager'], rows: 'a request addressed to a base the caller manages' },
  'bookings.decline': { who: ['base_manager'], rows: 'a request addressed to a base the caller manages' },
  'bookings.cancel': { who: ['base_manager'], rows: 'a request made by a base the caller manages' },

  // intake
  'intake.campaigns': { who: OFFICE, rows: 'all campaigns' },
  'intake.list': { who: OFFICE, rows: 'all nominations of a campaign' },
  'intake.detail': { who: OFFICE, rows: 'any nomination' },
  'intake.setChecklistItem': { who: OFFICE, rows: 'any nomination' },
  'intake.requestCorrection': { who: OFFICE, rows: 'any nomination' },
  'intake.accept': { who: OFFICE, rows: 'any nomination' },
  'intake.reject': { who: OFFICE, rows: 'any nomination' },
  'intake.previewBulkAccept': { who: OFFICE, rows: 'any nominations' },
  'intake.applyBulkAccept': { who: OFFICE, rows: 'any nominations' },
  'intake.myCorrection': { who: ['applicant'], rows: 'the correction request of its own unit’s application' },
  'intake.replyCorrection': { who: ['applicant'], rows: 'its own unit’s application, before the correction deadline' },

  // paper
  'paper.check': { who: OFFICE, rows: 'any application' },
  'paper.markReceived': { who: OFFICE, rows: 'any application' },
  'paper.overview': { who: OFFICE, rows: 'all applications of a campaign' },

  // audit
  'audit.list': { who: OFFICE, rows: 'the whole audit log' },
  'audit.verify': { who: OFFICE, rows: 'the whole audit log' },

  // statistics
  'statistics.nominations': { who: OFFICE, rows: 'all campaigns' },

  // decisions
  'decisions.candidates': { who: OFFICE, rows: 'all nominations of a campaign' },
  'decisions.preview': { who: OFFICE, rows: 'any nominations' },
  'decisions.confirm': { who: OFFICE, rows: 'any nominations, as previewed' },

  // notices
  'notices.list': { who: OFFICE, rows: 'all notices' },
  'notices.get': { who: OFFICE, rows: 'any notice, with objections and filers’ contacts' },
  'notices.create': { who: OFFICE, rows: 'any campaign' },
  'notices.update': { who: OFFICE, rows: 'a draft notice' },
  'notices.publish': { who: OFFICE, rows: 'a draft notice' },
  'notices.close': { who: OFFICE, rows: 'a published notice' },
  'notices.answerObjection': { who: OFFICE, rows: 'any objection' },
  'notices.publicList': { who: 'public', rows: 'published notices only, without filers' },
  'notices.publicGet': { who: 'public', rows: 'a published notice, without filers' },
  'notices.fileObjection': { who: 'public', rows: 'anyone, while a notice runs; rate limited per client address and per email' },
  'notices.lookUpObjection': { who: 'public', rows: 'one objection, by its reference together with the filer’s phone; rate limited per client address' },

  // register
  'register.list': { who: OFFICE, rows: 'the whole register' },
  'register.get': { who: OFFICE, rows: 'any base' },
  'register.changeStatus': { who: OFFICE, rows: 'any base, with a reason and the version seen' },

  // review
  'review.experts': { who: OFFICE, rows: 'the expert pool' },
  'review.expertCandidates': { who: OFFICE, rows: 'users who may join the pool' },
  'review.addExpert': { who: OFFICE, rows: 'the expert pool' },
  'review.updateExpert': { who: OFFICE, rows: 'the expert pool' },
  'review.rounds': { who: OFFICE, rows: 'all rounds' },
  'review.createRound': { who: OFFICE, rows: 'any campaign' },
  'review.updateRound': { who: OFFICE, rows: 'any round' },
  'review.openRound': { who: OFFICE, rows: 'any round' },
  'review.closeRound': { who: OFFICE, rows: 'any round' },
  'review.previewAssignment': { who: OFFICE, rows: 'any round' },
  'review.applyAssignment': { who: OFFICE, rows: 'any round, as previewed' },
  'review.assign': { who: OFFICE, rows: 'any round; never a conflicted expert' },
  'review.unassign': { who: OFFICE, rows: 'any round' },
  'review.progress': { who: OFFICE, rows: 'any round' },
  'review.sendReminders': { who: OFFICE, rows: 'any round' },
  'review.ranking': { who: OFFICE, rows: 'any round' },
  'review.exportRanking': { who: OFFICE, rows: 'any round' },
  'review.myAssignments': { who: ['expert'], rows: 'the caller’s own assignments in opened rounds' },
  'review.assignment': { who: ['expert'], rows: 'one of the caller’s own assignments; blind rounds without identity' },
  'review.saveScores': { who: ['expert'], rows: 'one of the caller’s own assignments, while the round is open' },
  'review.submitScores': { who: ['expert'], rows: 'one of the caller’s own assignments, while the round is open' },
  'review.declareConflict': { who: ['expert'], rows: 'one of the caller’s own assignments' },

  // search
  'search.query': { who: 'public', rows: 'published resources and public bases' },

  // events
  'events.forBase': { who: 'public', rows: 'published or cancelled events of a public base' },
  'events.upcoming': { who: 'public', rows: 'published or cancelled events of public bases' },
  'events.browse': { who: 'public', rows: 'published or cancelled events of public bases' },
  'events.mine': { who: ['base_manager'], rows: 'events of the bases the caller manages' },
  'events.edit': { who: ['base_manager'], rows: 'an event of a base the caller manages' },
  'events.create': { who: ['base_manager'], rows: 'for a base the caller manages' },
  'events.update': { who: ['base_manager'], rows: 'an event of a base the caller manages' },
  'events.publish': { who: ['base_manager'], rows: 'an event of a base the caller manages' },
  'events.cancel': { who: ['base_manager'], rows: 'an event of a base the caller manages' },
  'events.get': { who: 'public', rows: 'one published or cancelled event of a public base, with seat counts and no one’s data' },
  'events.register': { who: 'public', rows: 'anyone, for a published event open for registration; rate limited per client address and per phone' },
  'events.registration': { who: 'public', rows: 'the holder of the registration’s link secret, only' },
  'events.cancelRegistration': { who: 'public', rows: 'the holder of the registration’s link secret, only' },
  'events.registrations': { who: ['base_manager'], rows: 'registrants of an event the caller’s base hosts or accepted to co-host' },
  'events.acceptOffer': { who: 'public', rows: 'the holder of the offer mail’s link secret, only; before the offer’s deadline' },
  'events.declineOffer': { who: 'public', rows: 'the holder of the offer mail’s link secret, only' },
  'events.cancelRegistrationAsHost': { who: ['base_manager'], rows: 'a registration of an event the caller’s base hosts or co-hosts; audited' },
  'events.checkIn': { who: ['base_manager'], rows: 'an event the caller’s base hosts or co-hosts' },
  'events.addWalkIns': { who: ['base_manager'], rows: 'an event the caller’s base hosts or co-hosts' },

  // alliances
  'events.joinCampaign': { who: ['base_manager'], rows: 'an event of a base the caller manages, into a campaign whose days it overlaps; audited' },
  'alliances.jointActions': { who: ['alliance_coordinator'], rows: 'events of an alliance whose coordinator_user_id is the caller' },
  'alliances.createJointAction': { who: ['alliance_coordinator'], rows: 'for an approved alliance the caller coordinates, hosted by its lead base; co-hosts only active member bases' },
  'alliances.updateJointAction': { who: ['alliance_coordinator'], rows: 'an event whose alliance_id is an alliance the caller coordinates' },
  'alliances.moveJointAction': { who: ['alliance_coordinator'], rows: 'an event whose alliance_id is an alliance the caller coordinates' },
  'alliances.setJointActionCampaign': { who: ['alliance_coordinator'], rows: 'an event whose alliance_id is an alliance the caller coordinates, into a campaign whose days it overlaps' },
  'alliances.inviteJointActionCohost': { who: ['alliance_coordinator'], rows: 'an event of an alliance the caller coordinates; the guest must be an active member base' },
  'activityCampaigns.list': { who: 'public', rows: 'every themed campaign, with counts of public events only' },
  'activityCampaigns.get': { who: 'public', rows: 'one themed campaign, with counts of public events only' },
  'activityCampaigns.officeList': { who: OFFICE, rows: 'every themed campaign' },
  'activityCampaigns.create': { who: OFFICE, rows: 'any themed campaign; audited' },
  'activityCampaigns.update': { who: OFFICE, rows: 'any themed campaign; refused if a joined event falls outside the new days; audited' },
  'activityCampaigns.remove': { who: OFFICE, rows: 'a themed campaign no event joined; audited' },
  'alliances.list': { who: 'public', rows: 'approved alliances only' },
  'alliances.get': { who: 'public', rows: 'an approved alliance, its active members and public events' },
  'alliances.ofBase': { who: 'public', rows: 'approved alliances the base is an active member of' },
  'alliances.mine': { who: ['base_manager'], rows: 'alliances the caller proposed or their managed units are listed in' },
  'alliances.propose': { who: ['base_manager'], rows: 'lead base must be one the caller manages' },
  'alliances.resubmit': { who: ['base_manager'], rows: 'a returned proposal the caller made; lead base one the caller manages' },
  'alliances.answerFounding': { who: ['base_manager'], rows: 'the founding row of a base the caller manages' },
  'alliances.requestJoin': { who: ['base_manager'], rows: 'for a base the caller manages, to an approved alliance' },
  'alliances.answerInvitation': { who: ['base_manager'], rows: 'an invitation to a unit the caller manages' },
  'alliances.unitInvitations': { who: ['applicant'], rows: 'invitations and memberships of the caller’s own units that are not named bases' },
  'alliances.answerUnitInvitation': { who: ['applicant'], rows: 'an invitation to a unit that is not a named base, whose applicant account the caller holds' },
  'alliances.leave': { who: ['base_manager'], rows: 'the member row of a unit the caller manages' },
  'alliances.coordinated': { who: ['alliance_coordinator'], rows: 'alliances whose coordinator is the caller' },
  'alliances.manage': { who: ['alliance_coordinator'], rows: 'an alliance whose coordinator_user_id is the caller' },
  'alliances.invite': { who: ['alliance_coordinator'], rows: 'an approved alliance whose coordinator_user_id is the caller' },
  'alliances.decideRequest': { who: ['alliance_coordinator'], rows: 'a join request to an alliance the caller coordinates' },
  'alliances.removeMember': { who: ['alliance_coordinator'], rows: 'a member of an alliance the caller coordinates, with a reason' },
  'alliances.handOver': { who: ['alliance_coordinator'], rows: 'an alliance the caller coordinates; to its own active member bases and their managers' },
  'alliances.saveCharter': { who: ['alliance_coordinator'], rows: 'an alliance the caller coordinates' },
  'alliances.officeList': { who: OFFICE, rows: 'every alliance' },
  'alliances.officeGet': { who: OFFICE, rows: 'any alliance' },
  'alliances.decide': { who: OFFICE, rows: 'a submitted proposal, with the version seen; returning needs a reason' },

  'eventReports.form': { who: ['base_manager'], rows: 'an event of a base the caller manages (the host, not co-hosts)' },
  'eventReports.file': { who: ['base_manager'], rows: 'an ended, published event of a base the caller manages; another attendance than the door’s needs a reason; audited' },
  'eventReports.removePhoto': { who: ['base_manager'], rows: 'a photo of the report of an event of a base the caller manages; audited' },
  'eventReports.baseRecord': { who: 'public', rows: 'any base’s yearly figures (events held, people and young people reached); no one’s data' },
  'eventReports.yearly': { who: OFFICE, rows: 'every base’s yearly figures' },
  'events.inviteCohost': { who: ['base_manager'], rows: 'an event of a base the caller manages; invites another active base' },
  'events.cohosts': { who: ['base_manager'], rows: 'co-hosts of an event of a base the caller manages' },
  'events.cohosting': { who: ['base_manager'], rows: 'co-host invitations of the bases the caller manages' },
  'events.respondCohost': { who: ['base_manager'], rows: 'an invitation to a base the caller manages' },
  'events.updateCohostPart': { who: ['base_manager'], rows: 'the accepted co-host part of a base the caller manages' },

  // funding (专项活动工作经费)
  'funding.calls': { who: 'public', rows: 'published calls with their pool, committed, disbursed and available figures' },
  'funding.funded': { who: 'public', rows: 'approved grants only: project, base, call, amount awarded, status' },
  'funding.officeCalls': { who: OFFICE, rows: 'every call' },
  'funding.officeCall': { who: OFFICE, rows: 'any call, with its working group' },
  'funding.reviewers': { who: OFFICE, rows: 'users holding funding_reviewer' },
  'funding.createCall': { who: OFFICE, rows: 'any call; working-group members must hold funding_reviewer' },
  'funding.updateCall': { who: OFFICE, rows: 'any call, with the version seen; the pool never below what is committed' },
  'funding.setCallStatus': { who: OFFICE, rows: 'any call; publishing notifies the managers of active bases once' },
  'funding.callApplications': { who: OFFICE, rows: 'submitted applications of any call, never drafts' },
  'funding.previewAssignment': { who: OFFICE, rows: 'applications of any call and its working group; conflicted members never planned' },
  'funding.assign': { who: OFFICE, rows: 'as previewAssignment, recomputed under the call’s row lock' },
  'funding.recommendation': { who: OFFICE, rows: 'applications of any call with their submitted reviews' },
  'funding.decide': { who: OFFICE, rows: 'an application in review; the approver never reviewed it and is not of the applying or a co-applying organization; under the call’s row lock' },
  'funding.ledger': { who: OFFICE, rows: 'the ledger of any call' },
  'funding.recordTranche': { who: OFFICE, rows: 'a grant whose agreement is confirmed; never beyond the award' },
  'funding.decideBudgetChange': { who: OFFICE, rows: 'a pending budget change of any grant' },
  'funding.decideReport': { who: OFFICE, rows: 'a grant with a final report (accept, return) or running (close with a refund)' },
  'funding.get': { who: ['base_manager', 'alliance_coordinator', 'office', 'sysadmin'], rows: 'a manager or coordinator its own organization’s applications (from the grants); the office all' },
  'funding.mine': { who: ['base_manager', 'alliance_coordinator'], rows: 'applications of the organizations where the caller manages a base or coordinates an alliance' },
  'funding.create': { who: ['base_manager', 'alliance_coordinator'], rows: 'for a base the caller manages, or the lead base of an approved alliance the caller coordinates' },
  'funding.saveDraft': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s draft, with the version seen, while the call is open' },
  'funding.submit': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s draft, before the deadline; no overdue final report' },
  'funding.withdraw': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s application, before review starts' },
  'funding.confirmAgreement': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s approved grant' },
  'funding.requestBudgetChange': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s running grant, until the project’s end' },
  'funding.submitReport': { who: ['base_manager', 'alliance_coordinator'], rows: 'its own organization’s running or returned grant' },
  'funding.desk': { who: ['funding_reviewer'], rows: 'applications assigned to the caller, minus any they are conflicted with' },
  'funding.reviewFile': { who: ['funding_reviewer'], rows: 'an application assigned to the caller with no conflict found or declared' },
  'funding.saveReview': { who: ['funding_reviewer'], rows: 'the caller’s own review of an assigned, unconflicted application' },
  'funding.declareConflict': { who: ['funding_reviewer'], rows: 'an application assigned to the caller; the assignment is withdrawn' },
};

/**
 * HTTP routes outside tRPC. `signed-in` routes answer 401 without a session; the row rule is
 * checked by the services they call (the same as the procedures').
 */
export const ROUTE_POLICY: Record<string, Rule> = {
  'GET /healthz': { who: 'public', rows: 'says only that the process answers' },
  'GET /readyz': { who: 'public', rows: 'ready or not; details only to addresses allowed to read metrics' },
  'GET /metrics': { who: 'public', rows: 'only from METRICS_ALLOW addresses or with the METRICS_TOKEN bearer; 403 otherwise' },
  'GET /api/open/v1/openapi.json': { who: 'public', rows: 'the document itself' },
  'GET /api/open/v1/bases': { who: 'public', rows: 'bases that are active or under rectification' },
  'GET /api/open/v1/bases.csv': { who: 'public', rows: 'bases that are active or under rectification' },
  'GET /api/open/v1/bases/:id': { who: 'public', rows: 'a base that is active or under rectification' },
  'GET /api/open/v1/resources': { who: 'public', rows: 'published resources of public bases' },
  'GET /api/open/v1/resources.csv': { who: 'public', rows: 'published resources of public bases' },
  'GET /api/open/v1/resources/:id': { who: 'public', rows: 'a published resource of a public base' },
  'GET /api/open/v1/events': { who: 'public', rows: 'published and cancelled events of public bases, with seat counts and no one’s data' },
  'GET /api/open/v1/events.ics': { who: 'public', rows: 'published and cancelled events of public bases, as an iCalendar feed' },
  'GET /api/open/v1/events/:id/calendar.ics': { who: 'public', rows: 'one published or cancelled event of a public base' },
  'GET /api/open/v1/alliances': { who: 'public', rows: 'approved alliances and their active members' },
  'GET /api/open/v1/funding/calls': { who: 'public', rows: 'published funding calls with pool, committed, disbursed, available' },
  'GET /api/open/v1/funding/awards.csv': { who: 'public', rows: 'approved grants only: project, base, call, amount awarded, status' },
  'GET /files/materials/:id': { who: 'signed-in', rows: 'as applications.get, and experts for nominations assigned to them; the original only to the unit and the office' },
  'GET /files/applications/:id/form.pdf': { who: 'signed-in', rows: 'as applications.get; audited; same-origin fetch only' },
  'GET /files/applications/:id/materials.zip': { who: 'signed-in', rows: 'as applications.get; audited; same-origin fetch only' },
  'GET /files/summary.:format': { who: ['recommender'], rows: 'the caller’s own body’s recommended nominations; audited; same-origin fetch only' },
  'GET /files/bases/:id/certificate.pdf': { who: OFFICE, rows: 'any base; audited; same-origin fetch only' },
  'GET /files/register/certificates.pdf': { who: OFFICE, rows: 'a batch of bases; audited; same-origin fetch only' },
  'GET /files/funding/:id/agreement.pdf': { who: 'signed-in', rows: 'as funding.get: the applying organization’s managers and coordinators, and the office (others get 404); audited; same-origin fetch only' },
  'GET /files/events/:id/registrations.xlsx': { who: ['base_manager'], rows: 'an event the caller’s base hosts or co-hosts (accepted); audited; same-origin fetch only' },
  'POST /files/event-reports/:eventId/photos': { who: ['base_manager'], rows: 'the filed report of an ended event of a base the caller manages; image sniffed and stripped; audited' },
  'GET /files/event-reports/:eventId/:key': { who: ['base_manager', ...OFFICE], rows: 'a report photo of an event of a base the caller manages, or any to the office' },
  'GET /files/register/national-list.xlsx': { who: OFFICE, rows: 'a batch of bases; audited; same-origin fetch only' },
  'POST /files/bases/:baseId/photos': { who: ['base_manager'], rows: 'a photo for a base the caller manages' },
  'GET /files/bases/:baseId/photos/:key': { who: 'public', rows: 'photos of a base in the public register to anyone; of another only to its managers' },
  'POST /files/resources/:resourceId': { who: ['base_manager'], rows: 'an image for a resource of a base the caller manages' },
  'GET /files/resources/:resourceId/:key': { who: 'public', rows: 'media of a published resource to anyone; of an unpublished one only to its base’s managers' },
  'ALL /uploads': { who: 'signed-in', rows: 'creation only where the target allows: an applicant for its own editable application, a base manager for its base’s resource' },
  'ALL /uploads/*': { who: 'signed-in', rows: 'only the user who may still send this upload' },
};
