/**
 * Imported first by every local entry point (npm start, job, seed, bench) and by the test config.
 *
 * On Node.js 20 the AWS SDK prints a ten-line NodeVersionSupportWarning at its first client: its
 * releases after January 2027 will need Node.js 22. The Lambda functions run on Node.js 24 and never
 * print it; the local scripts run on the Node.js 20 the README allows, where it says nothing the
 * operator can act on. This is the SDK's documented switch (aws/aws-sdk-js-v3 issue 7983); it must be
 * set before any client is made. An explicit setting in the environment wins.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
