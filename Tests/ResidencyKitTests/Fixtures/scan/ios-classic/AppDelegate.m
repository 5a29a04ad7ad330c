#import "AppDelegate.h"
#import <Segment/SEGAnalytics.h>

static NSString *const kSegmentHost = @"events.eu1.segmentapis.com/v1";

@implementation AppDelegate

- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions
{
    // [SEGAnalyticsConfiguration configurationWithWriteKey:@"objcCommentedOut0001"];
    SEGAnalyticsConfiguration *configuration = [SEGAnalyticsConfiguration configurationWithWriteKey:@"objcClassicKey000001"];
    configuration.trackApplicationLifecycleEvents = YES;
    configuration.apiHost = kSegmentHost;
    [SEGAnalytics setupWithConfiguration:configuration];
    return YES;
}

@end
