import { createClient } from '@segment/analytics-react-native';
import Config from 'react-native-config';

// Without useSegmentEndpoints the SDK posts to the proxy URL as is.
export const kiosk = createClient({
  writeKey: 'rnKioskKey000000000002',
  proxy: `https://events.eu1.segmentapis.com/v1`,
});

export const fromEnv = createClient({
  writeKey: Config.SEGMENT_WRITE_KEY,
  proxy: Config.SEGMENT_PROXY,
  useSegmentEndpoints: true,
});
