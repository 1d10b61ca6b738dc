import type { StandardSchemaV1 } from '@standard-schema/spec';
import { resolver } from 'hono-openapi';

/** The 200 answer of a route, documented from the same shared schema the clients import. */
export function okJson(schema: StandardSchemaV1, description = 'OK') {
  return { 200: { description, content: { 'application/json': { schema: resolver(schema) } } } };
}

/** A report: a JSON page, or with `?format=csv` the whole table as a CSV attachment. */
export function okReport(schema: StandardSchemaV1, description: string) {
  return {
    200: {
      description: `${description}. With \`format=csv\`: the whole filtered table as a streamed CSV attachment.`,
      content: {
        'application/json': { schema: resolver(schema) },
        'text/csv': { schema: { type: 'string' as const } },
      },
    },
  };
}
