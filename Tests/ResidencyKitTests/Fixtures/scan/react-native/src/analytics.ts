import { createClient } from '@segment/analytics-react-native';

// Both settings, as Segment's EU page requires.
export const segmentClient = createClient({
  writeKey: 'rnEUwriteKey0000000001',
  trackAppLifecycleEvents: true,
  proxy: 'https://events.eu1.segmentapis.com/v1',
  useSegmentEndpoints: true,
});
