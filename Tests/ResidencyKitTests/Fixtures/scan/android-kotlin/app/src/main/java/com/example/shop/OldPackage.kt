package com.example.shop

// analytics-kotlin before its package moved to com.segment.analytics.kotlin.
import com.segment.analytics.*

class OldPackageApp : android.app.Application() {
    override fun onCreate() {
        super.onCreate()
        Analytics("kotlinOldPackage00004", applicationContext) {
            apiHost = "events.eu1.segmentapis.com/v1"
        }
    }
}
