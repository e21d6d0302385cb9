/**
 * CloudFront Function (cloudfront-js-2.0), viewer request of /console/*: the
 * console is a single-page app, so a deep link (/console/items/2026-001, a
 * reload, a bookmark) is its index.html, while a file (/console/assets/x.js,
 * /console/config.json: a last segment with a dot) is fetched as it is. Only
 * this path is rewritten: the API's real 404s stay JSON, which a
 * distribution-wide error page would turn into HTML. Deployed as written
 * here (lib/web-console.ts) and run as written by tests/unit/edge-functions.test.ts.
 */
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler`; a CloudFront Function has no exports.
function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/console/index.html';
  return request;
}
