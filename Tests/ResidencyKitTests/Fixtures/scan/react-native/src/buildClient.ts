import { createClient } from '@segment/analytics-react-native';

// The write key is a parameter: a constant of the same name in another file is not its value.
export function buildClient(writeKey: string) {
  return createClient({ writeKey, proxy: 'https://events.eu1.segmentapis.com/v1', useSegmentEndpoints: true });
}
