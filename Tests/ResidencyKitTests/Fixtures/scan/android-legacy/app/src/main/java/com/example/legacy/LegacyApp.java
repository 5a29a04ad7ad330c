package com.example.legacy;

import android.app.Application;
import com.segment.analytics.Analytics;

public class LegacyApp extends Application {
    private static final String WRITE_KEY = "androidLegacyKey00001";

    @Override
    public void onCreate() {
        super.onCreate();
        Analytics analytics = new Analytics.Builder(this, WRITE_KEY)
            .trackApplicationLifecycleEvents()
            .defaultApiHost("events.eu1.segmentapis.com/v1")
            .build();
        Analytics.setSingletonInstance(analytics);
    }
}
