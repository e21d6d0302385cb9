import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuchaApp } from '../../lib/app';
import type { DuchaStack } from '../../lib/ducha-stack';
import { UserDirectory } from '../../lib/user-directory';
import { API_FORWARDED_HEADERS, EDGE_FUNCTIONS, WebConsole } from '../../lib/web-console';

type Resource = { Type: string; Properties: Record<string, any> };

const cdkJsonContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;

let stack: DuchaStack;
let template: Template;
let resources: Record<string, Resource>;
let assembly: string;

beforeAll(() => {
  const { app, stack: built } = createDuchaApp(
    { context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false },
    { nag: false },
  );
  stack = built;
  assembly = app.synth().directory;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
}, 120_000);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as never);
const distribution = () => ofType('AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;
const policy = (ref: { Ref: string }) => resources[ref.Ref]!.Properties;

describe('one distribution in front of the API and the console', () => {
  it('has two origins: the API Gateway stage, and the console bucket through origin access control', () => {
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const origins = distribution().Origins as any[];
    expect(origins).toHaveLength(2);
    const api = origins.find((o) => o.CustomOriginConfig)!;
    expect(JSON.stringify(api.DomainName)).toContain('.execute-api.');
    expect(JSON.stringify(api.DomainName)).toContain(idOf(stack.http.api));
    expect(JSON.stringify(api.OriginPath)).toContain(stack.getLogicalId(stack.http.api.deploymentStage.node.defaultChild as never));
    expect(api.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    const files = origins.find((o) => o.S3OriginConfig)!;
    expect(JSON.stringify(files.DomainName)).toContain(idOf(stack.console.bucket));
    expect(files.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(files.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
  });

  it('sends every path to the API but /console/*, which comes from the bucket', () => {
    const config = distribution();
    const origins = config.Origins as any[];
    const originOf = (behaviour: any) => origins.find((o) => o.Id === behaviour.TargetOriginId);
    expect(originOf(config.DefaultCacheBehavior).CustomOriginConfig).toBeDefined();
    expect(config.CacheBehaviors).toHaveLength(1);
    expect(config.CacheBehaviors[0]).toMatchObject({ PathPattern: '/console/*', AllowedMethods: ['GET', 'HEAD'] });
    expect(originOf(config.CacheBehaviors[0]).S3OriginConfig).toBeDefined();
    expect(config.DefaultCacheBehavior.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
    for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  it('caches nothing of the API and forwards what it reads: Authorization, the query string, Accept, Accept-Language, Idempotency-Key, If-Match', () => {
    const behaviour = distribution().DefaultCacheBehavior;
    const cache = policy(behaviour.CachePolicyId).CachePolicyConfig;
    expect(cache).toMatchObject({ DefaultTTL: 0, MinTTL: 0 });
    expect(cache.MaxTTL).toBeLessThanOrEqual(1);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
      CookiesConfig: { CookieBehavior: 'none' },
    });
    const request = policy(behaviour.OriginRequestPolicyId).OriginRequestPolicyConfig;
    expect(request.HeadersConfig).toEqual({ HeaderBehavior: 'whitelist', Headers: API_FORWARDED_HEADERS });
    expect(request.HeadersConfig.Headers).toEqual(expect.arrayContaining(['Accept', 'Accept-Language', 'Idempotency-Key', 'If-Match']));
    // API Gateway answers only to its own Host.
    expect(request.HeadersConfig.Headers).not.toContain('Host');
    expect(request.QueryStringsConfig).toEqual({ QueryStringBehavior: 'all' });
  });

  it('runs each path’s CloudFront Function as written in lib/edge/, on viewer requests', () => {
    const config = distribution();
    const codeOf = (behaviour: any) => {
      const [association] = behaviour.FunctionAssociations;
      expect(association.EventType).toBe('viewer-request');
      const fn = resources[association.FunctionARN['Fn::GetAtt'][0]]!.Properties;
      expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      return fn.FunctionCode;
    };
    expect(codeOf(config.CacheBehaviors[0])).toBe(readFileSync(EDGE_FUNCTIONS.consolePaths, 'utf8'));
    expect(codeOf(config.DefaultCacheBehavior)).toBe(readFileSync(EDGE_FUNCTIONS.apiPaths, 'utf8'));
  });

  it('has no distribution-wide error pages, which would turn the API’s 404s into HTML', () => {
    expect(distribution().CustomErrorResponses).toBeUndefined();
    expect(distribution().DefaultRootObject).toBeUndefined();
  });

  it('lets the console talk only to its own origin and Cognito, and never be framed', () => {
    const headers = policy(distribution().CacheBehaviors[0].ResponseHeadersPolicyId).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain('https://cognito-idp.');
    expect(csp).toContain(idOf(stack.users.loginDomain));
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
  });
});

describe('the console bucket', () => {
  it('is private, encrypted and refuses plain HTTP', () => {
    const bucket = resources[idOf(stack.console.bucket)]!.Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
  });

  it('is read by this distribution alone, through origin access control (no origin access identity)', () => {
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const [, bucketPolicy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === idOf(stack.console.bucket))!;
    const allows = (bucketPolicy.Properties.PolicyDocument.Statement as any[]).filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(JSON.stringify(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(idOf(stack.console.distribution));
  });
});

describe('the upload at deploy time', () => {
  const deployments = () => ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties);

  it('uploads the hashed files for a year, then the rest revalidated on each load, and invalidates /console/*', () => {
    const [hashed, shell] = [
      deployments().find((d) => d.DestinationBucketKeyPrefix === 'console/assets/')!,
      deployments().find((d) => d.DestinationBucketKeyPrefix === 'console/')!,
    ];
    expect(hashed).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(shell).toMatchObject({
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/console/*'],
      DistributionId: { Ref: idOf(stack.console.distribution) },
      Exclude: ['assets/*'],
    });
  });

  it('writes config.json with the user pool, the console client and the managed login domain', () => {
    const shell = deployments().find((d) => d.DestinationBucketKeyPrefix === 'console/')!;
    const configAsset = path.join(assembly, `asset.${shell.SourceObjectKeys[1].replace(/\.zip$/, '')}`, 'config.json');
    const config = JSON.parse(readFileSync(configAsset, 'utf8'));
    expect(Object.keys(config).sort()).toEqual(['clientId', 'domain', 'mode', 'region', 'userPoolId']);
    expect(config.mode).toBe('cognito');
    const resolved = (value: string) => JSON.stringify(shell.SourceMarkers[1][value.match(/<<marker:[^>]+>>/)![0]]);
    expect(resolved(config.userPoolId)).toBe(JSON.stringify({ Ref: idOf(stack.users.userPool) }));
    expect(resolved(config.clientId)).toContain('ConsoleClient');
    expect(resolved(config.region)).toBe(JSON.stringify({ Ref: 'AWS::Region' }));
    expect(config.domain).toMatch(/^<<marker:[^>]+>>\.auth\.<<marker:[^>]+>>\.amazoncognito\.com$/);
    expect(resolved(config.domain)).toBe(JSON.stringify({ Ref: idOf(stack.users.loginDomain) }));
  });
});

describe('signing in to the console', () => {
  const consoleClient = () =>
    ofType('AWS::Cognito::UserPoolClient')
      .map(([, c]) => c.Properties)
      .find((c) => JSON.stringify(c.CallbackURLs ?? []).includes(idOf(stack.console.distribution)))!;

  it('is a public client: no secret, the authorization code grant only, back to the console', () => {
    const client = consoleClient();
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect([...client.AllowedOAuthScopes].sort()).toEqual(['email', 'openid', 'profile']);
    const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.console.distribution), 'DomainName'] }, '/console/']] };
    expect(client.CallbackURLs).toEqual([consoleUrl]);
    expect(client.LogoutURLs).toEqual([consoleUrl]);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  it('lets the ID token carry custom:unitId, which the client may not write', () => {
    const client = consoleClient();
    expect(client.ReadAttributes).toContain('custom:unitId');
    expect(client.WriteAttributes).not.toContain('custom:unitId');
  });

  it("uses Cognito's managed login on the pool's domain", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      UserPoolId: { Ref: idOf(stack.users.userPool) },
      ManagedLoginVersion: 2,
    });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: Match.stringLikeRegexp('ConsoleClient') },
      UseCognitoProvidedValues: true,
    });
  });

  it("keeps the API's Cognito authorizer, with no OAuth scope on any method, so it accepts the console's ID token", () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': [idOf(stack.users.userPool), 'Arn'] }],
    });
    for (const [, method] of ofType('AWS::ApiGateway::Method')) {
      expect(method.Properties.AuthorizationScopes).toBeUndefined();
    }
  });

  it('names the console URL in the outputs', () => {
    const outputs = template.toJSON().Outputs;
    expect(JSON.stringify(outputs.ConsoleUrl.Value)).toContain('/console/');
    expect(outputs).toHaveProperty('LoginDomain');
  });
});

describe('the console build', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'ducha-console-build-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const scratch = (dist: string, bundling: boolean) => {
    const app = new App({ context: bundling ? {} : { 'aws:cdk:bundling-stacks': [] } });
    const scope = new Stack(app, 'Scratch');
    const api = new RestApi(scope, 'Api');
    api.root.addMethod('GET', new MockIntegration());
    const users = new UserDirectory(scope, 'Users', { loginDomainPrefix: 'ducha-test' });
    new WebConsole(scope, 'Console', { api, users, dist });
    return app;
  };

  it('is required where the stack is synthesized for a deployment: no placeholder can replace the console', () => {
    expect(() => scratch(path.join(work, 'missing'), true)).toThrow(/web console is not built/);
    expect(() => scratch(path.join(work, 'missing'), false)).not.toThrow();
  });

  it('is uploaded from its folder: the hashed files apart, its own config.json replaced by the deployment’s', () => {
    const dist = path.join(work, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>督查</title>');
    writeFileSync(path.join(dist, 'config.json'), '{"mode":"local"}');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const out = scratch(dist, true).synth();
    const staged = (key: string) => path.join(out.directory, `asset.${key.replace(/\.zip$/, '')}`);
    const deployments = Object.values(out.getStackByName('Scratch').template.Resources as Record<string, Resource>)
      .filter((r) => r.Type === 'Custom::CDKBucketDeployment')
      .map((r) => r.Properties);
    const hashed = deployments.find((d) => d.DestinationBucketKeyPrefix === 'console/assets/')!;
    const shell = deployments.find((d) => d.DestinationBucketKeyPrefix === 'console/')!;
    expect(readFileSync(path.join(staged(hashed.SourceObjectKeys[0]), 'index-abc123.js'), 'utf8')).toBe('console.log(1)');
    expect(readFileSync(path.join(staged(shell.SourceObjectKeys[0]), 'index.html'), 'utf8')).toContain('督查');
    expect(() => readFileSync(path.join(staged(shell.SourceObjectKeys[0]), 'config.json'))).toThrow();
    expect(() => readFileSync(path.join(staged(shell.SourceObjectKeys[0]), 'assets', 'index-abc123.js'))).toThrow();
    expect(JSON.parse(readFileSync(path.join(staged(shell.SourceObjectKeys[1]), 'config.json'), 'utf8')).mode).toBe('cognito');
  });
});

describe("the city's own domain (issue 21)", () => {
  const domain = 'ducha.example.gov.cn';
  const certificate = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
  const synth = (context: Record<string, string>) => {
    const { stack: built } = createDuchaApp(
      { context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...context }, builtinCloudFormationValidation: false },
      { nag: false },
    );
    return Template.fromStack(built).toJSON().Resources as Record<string, Resource>;
  };
  const distributionOf = (all: Record<string, Resource>) =>
    Object.values(all).find((r) => r.Type === 'AWS::CloudFront::Distribution')!.Properties.DistributionConfig;

  it('without one, answers on the cloudfront.net name with its default certificate', () => {
    expect(distribution().ViewerCertificate).toBeUndefined();
    expect(distribution().Aliases).toBeUndefined();
  });

  it('with -c consoleDomainName and -c consoleCertificateArn, serves that name with that certificate, TLS 1.2 or later', () => {
    const withDomain = synth({ consoleDomainName: domain, consoleCertificateArn: certificate });
    const config = distributionOf(withDomain);
    expect(config.Aliases).toEqual([domain]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: certificate,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    // Sign-in returns to the console's own name, and the attachments bucket lets that origin's pages in.
    const callbacks = Object.values(withDomain).flatMap(
      (r) => (r.Type === 'AWS::Cognito::UserPoolClient' && r.Properties.CallbackURLs) || [],
    );
    expect(callbacks).toContain(`https://${domain}/console/`);
    const cors = JSON.stringify(Object.values(withDomain).map((r) => r.Properties?.CorsConfiguration ?? null));
    expect(cors).toContain(`https://${domain}`);
  });

  it('refuses a domain without its certificate, or a certificate without its domain', () => {
    expect(() => synth({ consoleDomainName: domain })).toThrow(/consoleCertificateArn/);
    expect(() => synth({ consoleCertificateArn: certificate })).toThrow(/consoleDomainName/);
  });
});
