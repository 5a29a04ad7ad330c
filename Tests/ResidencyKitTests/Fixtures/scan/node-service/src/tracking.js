const { Analytics } = require('@segment/analytics-node')

const analytics = new Analytics({
  writeKey: process.env.SEGMENT_WRITE_KEY,
  host: process.env.SEGMENT_HOST ?? 'https://api.segment.io',
})

const audit = new Analytics({ writeKey: 'nodeUSdefaultKey00002' })

module.exports = { analytics, audit }
