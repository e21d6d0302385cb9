import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  Function as EdgeFunction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { RestApiOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './ducha-function';
import { projectRoot } from './paths';
import type { UserDirectory } from './user-directory';

/** Where the console lives under the distribution, and in its bucket. */
export const CONSOLE_PREFIX = 'console';
/** The console's build (Vite's output). */
export const CONSOLE_DIST = path.join(projectRoot, 'console', 'dist');
/** Stands in for the build where the stack is synthesized without bundling (the CDK tests). */
export const CONSOLE_PLACEHOLDER = path.join(projectRoot, 'lib', 'console-placeholder');
/** The CloudFront Functions, deployed as written (and run as written by the unit tests). */
export const EDGE_FUNCTIONS = {
  apiPaths: path.join(projectRoot, 'lib', 'edge', 'api-paths.js'),
  consolePaths: path.join(projectRoot, 'lib', 'edge', 'console-paths.js'),
};

/** What the API needs of the viewer's request, besides Authorization (in the cache key) and the query string. */
export const API_FORWARDED_HEADERS = [
  'Accept',
  'Accept-Language',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'User-Agent',
  // Another office of the tree to enter (functions/http/caller-office.ts): the console's office switcher.
  'X-Ducha-Office',
];

/** The city's own host name for the distribution, and the ACM certificate for it (CloudFront's: in us-east-1). */
export interface ConsoleDomain {
  name: string;
  certificateArn: string;
}

export interface WebConsoleProps {
  api: RestApi;
  users: UserDirectory;
  /** The console's build; default console/dist. */
  dist?: string;
  /** Default: the distribution's cloudfront.net name, whose default certificate CloudFront pins to TLSv1. */
  domain?: ConsoleDomain;
}

/**
 * The web console and the API on one origin: one CloudFront distribution,
 * the API at its own paths (origin: the API Gateway stage, nothing cached),
 * the console under /console/ from a private bucket read through origin
 * access control. `GET /` goes to the console. The console's runtime
 * settings (`config.json`) are written at deploy time; people sign in with
 * Cognito's managed login through the app client made here.
 */
export class WebConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** Where the console and the API answer: https:// and the city's name, else the distribution's. */
  readonly origin: string;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebConsoleProps) {
    super(scope, id);
    const { users } = props;
    const region = Stack.of(this).region;

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Only the build lives here, redeployed whole each time; kept like everything else when the stack goes.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the console build, the same public files for everyone, and is read by CloudFront alone (origin access control); every access to ledger data goes through the API, whose stage logs each call with the caller.',
    });

    // The API: nothing cached. Every answer says Cache-Control: no-store and the default TTL is 0; the one-second
    // maximum only lets Authorization into the cache key, the one way CloudFront forwards it.
    const apiCache = new CachePolicy(this, 'ApiNoCache', {
      comment: 'ducha API: nothing cached; Authorization and the query string reach the API',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // Not Host: API Gateway answers only to its own host name.
    const apiRequest = new OriginRequestPolicy(this, 'ApiViewerRequest', {
      comment: 'ducha API: the headers the handlers read',
      headerBehavior: OriginRequestHeaderBehavior.allowList(...API_FORWARDED_HEADERS),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
      cookieBehavior: OriginRequestCookieBehavior.none(),
    });

    const loginHost = users.loginDomainHost;
    const consoleHeaders = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'ducha console: the browser may load only the console itself and talk only to the API and Cognito',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // antd writes its styles into <style> elements at run time.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            `connect-src 'self' https://cognito-idp.${region}.amazonaws.com https://${loginHost}`,
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: false, override: true },
      },
    });

    const edgeFunction = (id: string, file: string, comment: string) =>
      new EdgeFunction(this, id, { code: FunctionCode.fromFile({ filePath: file }), runtime: FunctionRuntime.JS_2_0, comment });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'ducha: the API and the web console on one origin',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // North America, Europe and Asia (Hong Kong, Japan, Singapore): the edges nearest the city.
      priceClass: PriceClass.PRICE_CLASS_200,
      ...(props.domain && {
        domainNames: [props.domain.name],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      defaultBehavior: {
        origin: new RestApiOrigin(props.api),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: apiCache,
        originRequestPolicy: apiRequest,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: edgeFunction('ApiPaths', EDGE_FUNCTIONS.apiPaths, 'ducha: / and /console go to /console/'),
          },
        ],
      },
      additionalBehaviors: {
        [`/${CONSOLE_PREFIX}/*`]: {
          origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: consoleHeaders,
          compress: true,
          functionAssociations: [
            {
              eventType: FunctionEventType.VIEWER_REQUEST,
              function: edgeFunction('ConsolePaths', EDGE_FUNCTIONS.consolePaths, 'ducha: console deep links are its index.html'),
            },
          ],
        },
      },
    });
    this.acknowledgeDistribution(props.domain === undefined);

    this.origin = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/${CONSOLE_PREFIX}/`;
    const client = users.addConsoleClient(this.url);

    this.deploy(props.dist ?? CONSOLE_DIST, {
      mode: 'cognito',
      region,
      userPoolId: users.userPool.userPoolId,
      clientId: client.userPoolClientId,
      domain: loginHost,
    });
  }

  /**
   * Uploads the build: the hashed files first (cached for a year, old ones
   * kept for pages still open), then index.html, the other files and
   * config.json (revalidated on every load), then invalidates /console/*.
   */
  private deploy(dist: string, config: Record<string, string>): void {
    const build = consoleBuild(this, dist);
    const logGroup = new LogGroup(this, 'UploadLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    // An own role (no AWSLambdaBasicExecutionRole): logs to its own group; BucketDeployment adds the bucket and the invalidation.
    const role = new Role(this, 'UploadRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'ducha: uploads the console build and invalidates it',
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );

    const hashed = new BucketDeployment(this, 'UploadHashedFiles', {
      sources: [Source.asset(path.join(build, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${CONSOLE_PREFIX}/assets/`,
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
      role,
      logGroup,
    });
    const shell = new BucketDeployment(this, 'UploadConsole', {
      // The deployment's own config.json replaces whatever the build holds under that name (locally the server answers it).
      sources: [Source.asset(build, { exclude: ['assets', 'assets/**', 'config.json'] }), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${CONSOLE_PREFIX}/`,
      // Pruning leaves the hashed files to the deployment above.
      exclude: ['assets/*'],
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [`/${CONSOLE_PREFIX}/*`],
      role,
      logGroup,
    });
    shell.node.addDependency(hashed);

    this.acknowledgeUpload(role);
  }

  /** BucketDeployment's grants to the upload function, finding by finding (cdk-nag v3 wants each one named). */
  private acknowledgeUpload(role: Role): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const assets = `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>/*`;
    const findings: Record<string, string> = {
      'Action::s3:GetBucket*': 'BucketDeployment reads the CDK asset bucket and the console bucket with grantRead/grantReadWrite',
      'Action::s3:GetObject*': 'BucketDeployment reads the uploaded build from the CDK asset bucket (grantRead)',
      'Action::s3:List*': 'BucketDeployment lists the console bucket to sync and prune it (grantReadWrite)',
      'Action::s3:Abort*': 'BucketDeployment may abort its own multipart uploads into the console bucket (grantReadWrite)',
      'Action::s3:DeleteObject*': 'BucketDeployment prunes console files of earlier builds under console/ (grantReadWrite)',
      [`Resource::${assets}`]: 'the build arrives as an asset object whose key CDK names at synthesis, in the CDK asset bucket',
      [`Resource::<${bucketId}.Arn>/*`]: 'the console files are objects of the console bucket, written under console/',
      'Resource::*': "BucketDeployment grants cloudfront:CreateInvalidation and GetInvalidation on '*' to invalidate /console/*",
    };
    const policy = role.node.findChild('DefaultPolicy');
    for (const [finding, why] of Object.entries(findings)) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `The console upload at deploy time only: ${why}.`,
      });
    }
    const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      Validations.of(handler.node.defaultChild ?? handler).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          "The upload function is BucketDeployment's own Python handler (with the AWS CLI layer): CDK chooses its runtime and moves it with each release, and it runs at deploy time only.",
      });
    }
  }

  private acknowledgeDistribution(defaultCertificate: boolean): void {
    const acknowledge = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    acknowledge(
      'AwsSolutions-CFR1',
      'No geo restriction: sign-in (Cognito, MFA required) and the API authorizer decide who may use ducha; officials travelling abroad must still reach it, and the console files hold no data.',
    );
    acknowledge(
      'AwsSolutions-CFR2',
      'The API keeps its regional AWS WAF web ACL on the stage (lib/api-firewall.ts), which inspects every API request the distribution forwards; a CLOUDFRONT-scope web ACL would have to live in a us-east-1 stack of its own, and the console path serves only static files.',
    );
    acknowledge(
      'AwsSolutions-CFR3',
      'No CloudFront access log: the console path serves the same public build to everyone, and every API call is logged by the API stage (caller sub, path, status, latency) in a log group kept a year.',
    );
    if (defaultCertificate) {
      acknowledge(
        'AwsSolutions-CFR4',
        'The distribution answers on its cloudfront.net name, whose default certificate CloudFront pins to the TLSv1 policy; a government deployment gives its own domain and ACM certificate (-c consoleDomainName, -c consoleCertificateArn), which get TLS 1.2 or later.',
      );
    }
  }
}

/**
 * The console build to upload: console/dist when it is built; the placeholder
 * only where this stack is synthesized without bundling (the CDK tests), so a
 * deployment can never replace the console with a placeholder.
 */
function consoleBuild(scope: Construct, dist: string): string {
  if (existsSync(path.join(dist, 'index.html'))) return dist;
  if (!Stack.of(scope).bundlingRequired) return CONSOLE_PLACEHOLDER;
  throw new Error(
    `The web console is not built (${path.join(dist, 'index.html')} is missing): build it (npm start builds it) before cdk synth or deploy.`,
  );
}
