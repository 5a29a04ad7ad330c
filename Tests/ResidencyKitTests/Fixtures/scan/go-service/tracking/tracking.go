package tracking

import (
	"os"

	"github.com/segmentio/analytics-go/v3"
)

const euEndpoint = "https://events.eu1.segmentapis.com"

func New() (analytics.Client, error) {
	return analytics.NewWithConfig("goEUwriteKey000000001", analytics.Config{
		Endpoint: euEndpoint,
		Verbose:  true,
	})
}

func FromEnv() (analytics.Client, error) {
	config := analytics.Config{Endpoint: os.Getenv("SEGMENT_ENDPOINT")}
	return analytics.NewWithConfig(os.Getenv("SEGMENT_WRITE_KEY"), config)
}

var raw = `Endpoint: "https://api.segment.io"`
