import type { StandardSchemaV1 } from '@standard-schema/spec';
import { resolver, type DescribeRouteOptions } from 'hono-openapi';

type Responses = NonNullable<DescribeRouteOptions['responses']>;

/** The 200 answer of a route, documented from the same shared schema the clients import. */
export function okJson(schema: StandardSchemaV1, description = 'OK'): Responses {
  return { 200: { description, content: { 'application/json': { schema: resolver(schema) } } } };
}

/** The 200 answer of an export route (`…/export.csv`): the whole filtered table, streamed as a CSV attachment. */
export function okCsv(description: string) {
  return { 200: { description, content: { 'text/csv': { schema: { type: 'string' as const } } } } };
}
