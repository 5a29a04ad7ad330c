import { AnalyticsBrowser } from '@segment/analytics-next'

export const analytics = AnalyticsBrowser.load(
  { writeKey: 'browserNpmKey000000001' },
  { integrations: { 'Segment.io': { apiHost: 'events.eu1.segmentapis.com/v1', protocol: 'https' } } },
)
