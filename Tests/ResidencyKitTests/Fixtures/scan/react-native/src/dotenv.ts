import { createClient } from '@segment/analytics-react-native';
import { SEGMENT_WRITE_KEY, SEGMENT_PROXY as proxy } from '@env';

// react-native-dotenv's variables are the environment's.
export const fromDotenv = createClient({ writeKey: SEGMENT_WRITE_KEY, proxy, useSegmentEndpoints: true });
