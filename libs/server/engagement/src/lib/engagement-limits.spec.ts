import { DEFAULT_ENGAGEMENT_LIMITS } from './engagement-rate-limiter';
import { scaledEngagementLimits } from './engagement.module';

describe(scaledEngagementLimits.name, () => {
  it('keeps the designed limits by default', () => {
    expect(scaledEngagementLimits()).toEqual(DEFAULT_ENGAGEMENT_LIMITS);
    expect(scaledEngagementLimits(1)).toEqual(DEFAULT_ENGAGEMENT_LIMITS);
  });

  it('multiplies the points of every limit and keeps the windows', () => {
    const scaled = scaledEngagementLimits(100);
    expect(scaled.vote).toEqual({ points: DEFAULT_ENGAGEMENT_LIMITS.vote.points * 100, seconds: 1 });
    expect(scaled.ask).toEqual({ points: DEFAULT_ENGAGEMENT_LIMITS.ask.points * 100, seconds: 60 });
    expect(DEFAULT_ENGAGEMENT_LIMITS.vote.points).toBe(5);
  });
});
