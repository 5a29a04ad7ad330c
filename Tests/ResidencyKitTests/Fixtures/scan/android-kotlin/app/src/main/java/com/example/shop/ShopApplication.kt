package com.example.shop

import android.app.Application
import com.segment.analytics.kotlin.android.Analytics
import com.segment.analytics.kotlin.core.Analytics

class ShopApplication : Application() {
    lateinit var analytics: Analytics
    lateinit var legacy: Analytics

    override fun onCreate() {
        super.onCreate()
        analytics = Analytics(SegmentConfig.WRITE_KEY, applicationContext) {
            trackApplicationLifecycleEvents = true
            apiHost = SegmentConfig.EU_HOST
            // apiHost = "api.segment.io/v1"
            flushAt = 3
        }
        legacy = Analytics("kotlinUSdefault000002", applicationContext) {
            trackApplicationLifecycleEvents = true
        }
    }
}
