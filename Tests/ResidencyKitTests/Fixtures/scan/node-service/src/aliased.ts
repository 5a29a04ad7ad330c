import { Analytics as Segment } from '@segment/analytics-node';
import { loadSettings } from './settings';

// The SDK's class under another name, and settings that come from elsewhere (which may set
// the host: not the SDK's default).
export const eu = new Segment({ writeKey: 'nodeAliasKey000000003', host: 'https://events.eu1.segmentapis.com' });
export const fromSettings = new Segment(loadSettings());
