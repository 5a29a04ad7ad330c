package com.example.shop

/** The EU workspace's source. */
object SegmentConfig {
    const val WRITE_KEY = "kotlinEUwriteKey00001"
    const val EU_HOST = "events.eu1.segmentapis.com/v1"
}
