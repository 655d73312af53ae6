import type { RouterOutputs } from '@ssb/api';

// The timetable's rules (phase status, order, the current campaign) are @ssb/domain/campaign-timetable's.
export type Campaign = RouterOutputs['reference']['campaigns'][number];
export type CampaignPhase = Campaign['phases'][number];
export type PhaseKey = CampaignPhase['key'];
