import 'package:flutter/widgets.dart';
import 'package:segment_analytics/client.dart';
import 'package:segment_analytics/state.dart';

final analytics = createClient(Configuration("flutterEUwriteKey0001",
    apiHost: "events.eu1.segmentapis.com/v1",
    trackApplicationLifecycleEvents: true));

final fromBuild = createClient(Configuration(const String.fromEnvironment('SEGMENT_WRITE_KEY'),
    apiHost: const String.fromEnvironment('SEGMENT_API_HOST')));

void main() => runApp(const SizedBox());
