// Another app's key, under the name buildClient's parameter has.
export const writeKey = 'rnOtherAppKey000000004';
