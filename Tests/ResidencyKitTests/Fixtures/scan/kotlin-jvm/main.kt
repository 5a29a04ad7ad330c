import com.segment.analytics.kotlin.core.Analytics

// The JVM form: the write key alone, then the configuration lambda with `this.`.
fun main() {
    val analytics = Analytics("kotlinJvmWriteKey0004") {
        application = "MainApp"
        this.apiHost = "events.eu1.segmentapis.com/v1"
        this.requestFactory = CustomRequestFactory()
    }
    analytics.flush()
}
