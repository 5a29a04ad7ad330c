require 'segment/analytics'

=begin
Analytics = Segment::Analytics.new(write_key: 'rubyCommentedOut0001')
=end

Analytics = Segment::Analytics.new({
  write_key: 'rubyEUwriteKey0000001',
  host: 'events.eu1.segmentapis.com',
  on_error: proc { |_status, msg| print msg }
})

# Ruby's host is a bare host name: a scheme makes Net::HTTP fail.
Reports = Segment::Analytics.new(write_key: ENV.fetch('SEGMENT_WRITE_KEY'), host: 'https://events.eu1.segmentapis.com')
