using Segment.Analytics;

namespace Shop
{
    public static class Telemetry
    {
        public static Analytics Create()
        {
            var configuration = new Configuration("csharpEUwriteKey00001",
                flushAt: 20,
                apiHost: "events.eu1.segmentapis.com/v1");
            return new Analytics(configuration);
        }

        // The seed table's form: Analytics-CSharp prepends https:// itself.
        public static Analytics WithScheme() =>
            new Analytics(new Configuration("csharpScheme000000002", apiHost: "https://events.eu1.segmentapis.com/v1"));
    }
}
