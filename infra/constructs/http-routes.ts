// Wires one router function per bounded context into the tenant's HTTP API, straight from functions/contexts.ts:
// ANY <prefix> and ANY <prefix>/{proxy+}. The router itself matches methods and paths (404/405), exactly as the
// local API server does, so the local route table and the deployed one are the same list.
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { HttpContext } from '../../functions/contexts.js';

/** The two API Gateway route paths that send everything under a context's prefix to its router. */
export const routePathsFor = (ctx: HttpContext) => [ctx.prefix, `${ctx.prefix}/{proxy+}`];

export function addContextRoutes(api: apigw.HttpApi, ctx: HttpContext, fn: IFunction): apigw.HttpRoute[] {
  const integration = new HttpLambdaIntegration(`${ctx.name}-integration`, fn, {
    payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
  });
  return routePathsFor(ctx).flatMap((path) => api.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration }));
}
