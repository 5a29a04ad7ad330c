@import Segment;

// analytics-swift from Objective-C: SEGConfiguration, not analytics-ios's SEGAnalyticsConfiguration.
@implementation AppDelegate
- (BOOL)application:(UIApplication *)application didFinishLaunchingWithOptions:(NSDictionary *)launchOptions {
    SEGConfiguration *config = [[SEGConfiguration alloc] initWithWriteKey:@"swiftObjCWriteKey00008"];
    config.apiHost = @"events.eu1.segmentapis.com/v1";
    self.analytics = [[SEGAnalytics alloc] initWithConfiguration:config];
    return YES;
}
@end
