package com.example.shop;

import com.segment.analytics.kotlin.core.Configuration;
import com.segment.analytics.kotlin.core.compat.ConfigurationBuilder;

public class JavaCompat {
    public static Configuration configuration() {
        return new ConfigurationBuilder("kotlinJavaCompat00003")
            .setApiHost("api.segment.io/v1")
            .setFlushAt(1)
            .build();
    }
}
