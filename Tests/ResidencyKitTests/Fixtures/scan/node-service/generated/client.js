const { Analytics } = require('@segment/analytics-node')
new Analytics({ writeKey: 'ignoredByGit' })
