import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BINARY_MEDIA_TYPES } from '../functions/http/media-types';
import { DEFAULT_LANGUAGE, render, say, type Message } from '../functions/messages/message';
import { routeGroups, routes, tableAccess, type RouteGroup } from '../functions/http/routes';
import { ApiFirewall } from './api-firewall';
import { OfficeAccess } from './office-access';
import { DuchaFunction, LOG_RETENTION } from './ducha-function';
import type { LedgerTable } from './ledger-table';

/**
 * API Gateway's own refusals, in the handlers' error shape and codes
 * (functions/http/problems.ts): `{ error: { code, message, details } }`.
 * A gateway response cannot read the request's headers, so these speak the
 * default language only (Chinese, from the message catalogue); API Gateway's
 * own English reason is kept as the one detail.
 */
const gatewayErrors: { type: ResponseType; statusCode?: string; code: string; message: Message }[] = [
  { type: ResponseType.UNAUTHORIZED, code: 'unauthenticated', message: say('gateway.unauthorized') },
  { type: ResponseType.ACCESS_DENIED, code: 'forbidden', message: say('gateway.access-denied') },
  { type: ResponseType.WAF_FILTERED, code: 'forbidden', message: say('gateway.waf-filtered') },
  // A REST API answers an unknown path with 403 "Missing Authentication Token"; it is a 404.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: 'no-such-route', message: say('request.no-such-route') },
  { type: ResponseType.BAD_REQUEST_PARAMETERS, code: 'invalid-input', message: say('gateway.bad-request-parameters') },
  { type: ResponseType.BAD_REQUEST_BODY, code: 'invalid-input', message: say('gateway.bad-request-body') },
  { type: ResponseType.THROTTLED, code: 'throttled', message: say('gateway.throttled') },
  // Among others, a query string with a malformed escape (`%ZZ`), which API Gateway refuses itself.
  { type: ResponseType.DEFAULT_4XX, code: 'request-refused', message: say('gateway.refused') },
  { type: ResponseType.DEFAULT_5XX, code: 'internal', message: say('request.internal') },
];

/** The API's one stage. */
export const STAGE_NAME = 'v1';

export interface HttpApiProps {
  ledger: LedgerTable;
  userPool: IUserPool;
}

/**
 * The HTTP API (docs/design.md), generated from functions/http/routes.ts: one
 * function per route group with that group's table access, every route
 * behind the Cognito authorizer except the public ones.
 */
export class HttpApi extends Construct {
  readonly api: RestApi;
  readonly functions: ReadonlyMap<RouteGroup, DuchaFunction>;
  /**
   * The stage's address, https://<id>.execute-api.<region>.<suffix>/v1, with the stage's name as written rather
   * than `api.url`'s reference to the stage: the stage depends on every method, and so on the functions, and a
   * function's environment referring back to it would be a cycle.
   */
  readonly stageUrl: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.api = new RestApi(this, 'Api', {
      restApiName: 'ducha',
      description: 'ducha 督查 — the supervision ledger API',
      endpointTypes: [EndpointType.REGIONAL],
      binaryMediaTypes: [...BINARY_MEDIA_TYPES],
      // Execution logs need the account-level API Gateway logging role.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // Who did what: the caller's sub is in every line.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            time: AccessLogField.contextRequestTime(),
            sub: AccessLogField.contextAuthorizerClaims('sub'),
            ip: AccessLogField.contextIdentitySourceIp(),
            userAgent: AccessLogField.contextIdentityUserAgent(),
            method: AccessLogField.contextHttpMethod(),
            resource: AccessLogField.contextResourcePath(),
            path: AccessLogField.contextPath(),
            status: AccessLogField.contextStatus(),
            latencyMs: AccessLogField.contextResponseLatency(),
            integrationLatencyMs: AccessLogField.contextIntegrationLatency(),
            error: AccessLogField.contextErrorMessage(),
            wafStatus: AccessLogField.contextWafResponseCode(),
            traceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
        // Execution logs without request/response bodies: those are government records.
        loggingLevel: MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        // Routes with throttling of their own (the public feed, which no sign-in slows down), as the contract declares.
        methodOptions: Object.fromEntries(
          routes.flatMap((r) =>
            r.throttle
              ? [[`${r.path}/${r.method}`, { throttlingRateLimit: r.throttle.rateLimit, throttlingBurstLimit: r.throttle.burstLimit }]]
              : [],
          ),
        ),
      },
    });

    const stack = Stack.of(this);
    this.stageUrl = `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${STAGE_NAME}`;

    Validations.of(this.api.node.findChild('CloudWatchRole')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level role API Gateway needs to write execution logs (APIG6); AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it and API Gateway alone assumes the role.',
    });

    for (const { type, statusCode, code, message } of gatewayErrors) {
      this.api.addGatewayResponse(`Error-${type.responseType}`, {
        type,
        statusCode,
        responseHeaders: { 'Content-Language': "'zh-CN'" },
        templates: {
          'application/json': `{"error":{"code":"${code}","message":${JSON.stringify(render(message, DEFAULT_LANGUAGE))},"details":[{"message":$context.error.messageString}]}}`,
        },
      });
    }

    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [props.userPool],
      identitySource: 'method.request.header.Authorization',
      resultsCacheTtl: Duration.minutes(5),
    });
    // Path parameters are required; bodies are validated by the handlers' zod schemas.
    const requestValidator = this.api.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    const functions = new Map<RouteGroup, DuchaFunction>();
    const integrations = new Map<RouteGroup, LambdaIntegration>();
    for (const group of routeGroups) {
      const fn = new DuchaFunction(this, `Handler-${group}`, {
        entry: `http/${group}`,
        kind: 'api',
        description: `ducha HTTP routes: ${group}`,
      }).bindTable(props.ledger, tableAccess[group]);
      // The same table actions, held to the reach of a request below the root office (lib/office-access.ts).
      if (tableAccess[group].length > 0) new OfficeAccess(fn, 'OfficeAccess', { fn, ledger: props.ledger, actions: tableAccess[group] });
      functions.set(group, fn);
      // One invoke permission per function for the whole API, not one per
      // method: the function policy stays small however many routes a group gets.
      integrations.set(group, new LambdaIntegration(fn.function, { scopePermissionToMethod: false }));
    }
    this.functions = functions;

    for (const route of routes) {
      const resource = this.api.root.resourceForPath(route.path);
      const pathParameters = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      const method = resource.addMethod(route.method, integrations.get(route.group), {
        ...(route.public ? { authorizationType: AuthorizationType.NONE } : { authorizationType: AuthorizationType.COGNITO, authorizer }),
        requestValidator,
        requestParameters: Object.fromEntries(pathParameters.map((name) => [`method.request.path.${name}`, true])),
      });
      if (route.public) {
        const reason = `${route.method} ${route.path} is declared public in functions/http/contract.ts: ${
          route.publicBecause ?? 'the OpenAPI document describes the API to clients before they sign in and holds no ledger data'
        }.`;
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason });
      }
    }

    new ApiFirewall(this, 'Firewall', { stageArn: this.api.deploymentStage.stageArn });
  }
}
