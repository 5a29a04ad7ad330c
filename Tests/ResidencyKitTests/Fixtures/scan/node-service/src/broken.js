// Segment setup being edited
const key = 'segment-unterminated
