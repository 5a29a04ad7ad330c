import { createClient } from '@segment/analytics-react-native';

// Segment's destination is not added: events go where the app's own plugins send them.
export const viaPlugins = createClient({ writeKey: 'rnPluginsKey0000000005', autoAddSegmentDestination: false });
