import type { AppProps } from 'next/app';
import { AnalyticsBrowser } from '@segment/analytics-next';
import { initOptions } from '../lib/segment-options';

// The write key destructured from the environment with a default, and load options from
// another module (which may set the API host).
const { NEXT_PUBLIC_SEGMENT_KEY = 'webEnvDefaultKey00001' } = process.env;
export const analytics = AnalyticsBrowser.load({ writeKey: NEXT_PUBLIC_SEGMENT_KEY }, initOptions);

export default function App({ Component, pageProps }: AppProps) {
  return <Component {...pageProps} />;
}
