using Segment;

namespace Legacy
{
    public class Startup
    {
        public void Configure()
        {
            Analytics.Initialize("dotnetClassicKey00001", new Config().SetHost("https://events.eu1.segmentapis.com"));
        }
    }
}
