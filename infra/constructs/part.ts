import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A part of the stack (data, ingestion, the HTTP API, the site, monitoring):
 * a construct that owns its resources and their grants, and whose own id is
 * left out of its resources' logical ids. A resource keeps the logical id it
 * had before the stack was split into parts, so a deploy of the split stack
 * replaces nothing (a table, a CloudFront domain, a confirmed subscription).
 */
export class Part extends Construct {}

/** The logical id CDK would give `element` were no Part on its path. */
export function logicalIdWithoutParts(
  stack: Stack,
  element: CfnElement,
  allocate: (element: CfnElement) => string,
): string {
  const scopes = element.node.scopes.filter((s) => !(s instanceof Part));
  // CDK's own scheme reads only the element's scopes and its stack
  return allocate({ node: { scopes }, stack } as unknown as CfnElement);
}

/** The stack of a part, for resources CDK keeps once per stack. */
export const stackOf = (part: Construct) => Stack.of(part);
