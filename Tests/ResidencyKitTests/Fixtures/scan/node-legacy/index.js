// The legacy analytics-node package: host and path are joined as strings, so the /v1 here
// makes https://events.eu1.segmentapis.com/v1/v1/batch.
var Analytics = require('analytics-node');
var analytics = new Analytics('nodeLegacyKey0000003', { host: 'https://events.eu1.segmentapis.com/v1' });
module.exports = analytics;
