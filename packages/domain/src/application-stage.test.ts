import { describe, expect, it } from 'vitest';
import { APPLICATION_STAGE_LABELS, applicationStage, type StageFacts } from './application-stage.ts';

const recommended: StageFacts = { status: 'recommended', intake: null, decision: null, onNotice: false, inReview: false };

describe('where a file really is', () => {
  it('follows the application until it is recommended', () => {
    expect(applicationStage({ ...recommended, status: 'submitted' })).toBe('submitted');
    expect(applicationStage({ ...recommended, status: 'returned', intake: 'accepted' })).toBe('returned');
  });

  it('then follows the office: intake, correction, review, 公示, naming', () => {
    expect(applicationStage(recommended)).toBe('intake');
    expect(applicationStage({ ...recommended, intake: 'pending' })).toBe('intake');
    expect(applicationStage({ ...recommended, intake: 'correction_requested' })).toBe('correction');
    expect(applicationStage({ ...recommended, intake: 'rejected' })).toBe('intake_rejected');
    expect(applicationStage({ ...recommended, intake: 'accepted' })).toBe('accepted');
    expect(applicationStage({ ...recommended, intake: 'accepted', inReview: true })).toBe('review');
    expect(applicationStage({ ...recommended, intake: 'accepted', inReview: true, decision: 'shortlisted' })).toBe('shortlisted');
    expect(applicationStage({ ...recommended, intake: 'accepted', decision: 'shortlisted', onNotice: true })).toBe('notice');
    expect(applicationStage({ ...recommended, intake: 'accepted', decision: 'named', onNotice: true })).toBe('named');
    expect(applicationStage({ ...recommended, intake: 'rejected', decision: 'not_selected' })).toBe('not_selected');
  });

  it('names every stage in both languages', () => {
    for (const label of Object.values(APPLICATION_STAGE_LABELS)) {
      expect(label.zh).toMatch(/\p{Script=Han}/u);
      expect(label.en).toMatch(/[A-Za-z]/);
    }
    expect(APPLICATION_STAGE_LABELS.notice.zh).toBe('公示中');
  });
});
