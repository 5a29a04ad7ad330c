import { AnalyticsBrowser } from '@segment/analytics-next';

// A hidden folder of the app's own: Storybook's preview loads Analytics.js too.
export const analytics = AnalyticsBrowser.load({ writeKey: 'webStorybookKey000001' });
