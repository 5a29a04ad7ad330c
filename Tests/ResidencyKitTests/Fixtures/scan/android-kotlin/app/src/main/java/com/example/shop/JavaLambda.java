package com.example.shop;

import com.segment.analytics.kotlin.android.AndroidAnalyticsKt;
import kotlin.Unit;

// From Java, the configuration lambda calls the setters.
public class JavaLambda {
    static Object start(android.content.Context context) {
        return AndroidAnalyticsKt.Analytics("kotlinJavaLambda00005", context, configuration -> {
            configuration.setApiHost("api.segment.io/v1");
            return Unit.INSTANCE;
        });
    }
}
