/**
 * CloudFront Function (cloudfront-js-2.0), viewer request of the API's
 * behaviour (every path but /console/*): a browser opening the site, `/`, or
 * the console without its slash, `/console`, is sent to the console. Every
 * other request goes on to API Gateway untouched. Deployed as written here
 * (lib/web-console.ts) and run as written by tests/unit/edge-functions.test.ts.
 */
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls `handler`; a CloudFront Function has no exports.
function handler(event) {
  var uri = event.request.uri;
  if (uri === '/' || uri === '/console') {
    return {
      statusCode: 302,
      statusDescription: 'Found',
      headers: { location: { value: '/console/' }, 'cache-control': { value: 'no-store' } },
    };
  }
  return event.request;
}
