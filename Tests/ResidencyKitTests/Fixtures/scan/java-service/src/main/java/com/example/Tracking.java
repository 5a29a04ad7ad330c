package com.example;

import com.segment.analytics.Analytics;

public final class Tracking {
    static final String EU_ENDPOINT = "https://events.eu1.segmentapis.com";

    static Analytics eu() {
        return Analytics.builder("javaEUwriteKey0000001").endpoint(EU_ENDPOINT).build();
    }

    // Without a scheme HttpUrl.parse fails and the SDK falls back to api.segment.io.
    static Analytics noScheme() {
        return Analytics.builder("javaNoScheme000000002").endpoint("events.eu1.segmentapis.com").build();
    }
}
