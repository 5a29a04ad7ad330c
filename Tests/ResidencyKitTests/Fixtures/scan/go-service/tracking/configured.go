package tracking

import "github.com/segmentio/analytics-go/v3"

type Service struct {
	cfg struct {
		WriteKey  string
		Configure func(*analytics.Config)
	}
}

// The configuration is handed to a function before it is used (which may set the endpoint),
// and the write key is a field of the service, not a constant of another file.
func (s *Service) Start() (analytics.Client, error) {
	c := analytics.Config{}
	if s.cfg.Configure != nil {
		s.cfg.Configure(&c)
	}
	return analytics.NewWithConfig(s.cfg.WriteKey, c)
}
