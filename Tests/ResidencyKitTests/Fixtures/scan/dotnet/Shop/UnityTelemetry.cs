using Segment.Analytics;

namespace Shop
{
    public static class UnityTelemetry
    {
        // An HTTP client provider decides where requests go, whatever apiHost says.
        public static Configuration Create(IHTTPClientProvider provider) =>
            new Configuration("csharpUnityKey0000003",
                apiHost: "events.eu1.segmentapis.com/v1",
                httpClientProvider: provider);
    }
}
