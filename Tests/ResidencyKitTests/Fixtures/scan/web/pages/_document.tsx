import { Html, Head, Main, NextScript } from 'next/document';
import * as snippet from '@segment/snippet';

// The snippet rendered by @segment/snippet, and the snippet pasted into a template literal,
// its write key interpolated from the environment and its API host set in the load options.
const rendered = snippet.max({ apiKey: 'webSnippetPkgKey00001', host: 'cdn.example.com', page: true });

const pasted = `
  !function(){var analytics=window.analytics=window.analytics||[];analytics.invoked=!0;
  analytics.load("${process.env.NEXT_PUBLIC_SEGMENT_WRITE_KEY}", {
    integrations: { "Segment.io": { apiHost: "events.eu1.segmentapis.com/v1" } },
  });
  analytics.page();
  }();`;

export default function Document() {
  return (
    <Html>
      <Head>
        <script dangerouslySetInnerHTML={{ __html: rendered }} />
        <script dangerouslySetInnerHTML={{ __html: pasted }} />
      </Head>
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
