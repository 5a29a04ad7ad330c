import React from 'react';
import { Text, View } from 'react-native';
import { createClient, AnalyticsProvider } from '@segment/analytics-react-native';

// JSX around the setup: text with apostrophes and slashes, self-closing tags, code in braces.
const staging = process.env.NODE_ENV !== 'production';

const segmentClient = createClient({
  writeKey: 'rnAppWriteKey000000003',
  ...(staging ? { proxy: 'https://segment-proxy.example.com/v1', useSegmentEndpoints: true } : {}),
});

export default function App() {
  return (
    <AnalyticsProvider client={segmentClient}>
      <View style={{ flex: 1 }}>
        <Text>Don't ship events to the wrong region / check the proxy</Text>
        {staging && <Text>staging: {"proxy"}</Text>}
        <></>
      </View>
    </AnalyticsProvider>
  );
}
