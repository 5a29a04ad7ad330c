package com.example.shop

import android.content.Context
import com.segment.analytics.kotlin.android.Analytics

fun flavorAnalytics(context: Context) = Analytics(BuildConfig.SEGMENT_WRITE_KEY, context) {
    apiHost = BuildConfig.SEGMENT_API_HOST
}
