/**
 * What the FHIR R4 routes answer, for the OpenAPI document: a resource of the route's type, a
 * searchset Bundle of them, the CapabilityStatement — each outlined by its identifying elements, the
 * rest as FHIR R4 defines it (hl7.org/fhir/R4). The routes send these as application/fhir+json text
 * (the server does not re-serialise them), their errors as OperationOutcome resources.
 */
import { z } from 'zod';

export const fhirMediaType = 'application/fhir+json';

/** A FHIR resource of `type` (its other elements as FHIR R4 defines them). */
export function fhirResource(type: string) {
  return z
    .looseObject({
      resourceType: z.literal(type),
      id: z.string(),
      meta: z.looseObject({ lastUpdated: z.string().optional() }).optional(),
    })
    .describe(`FHIR R4 ${type}（https://hl7.org/fhir/R4/${type.toLowerCase()}.html）`);
}

/** A searchset Bundle of `type` resources, paged by `_count` and `_offset` (links self / next / previous). */
export function fhirSearchset(type: string) {
  return z
    .looseObject({
      resourceType: z.literal('Bundle'),
      type: z.literal('searchset'),
      total: z.number().int(),
      link: z.array(z.object({ relation: z.string(), url: z.string() })),
      entry: z.array(z.looseObject({ fullUrl: z.string(), resource: fhirResource(type) })).optional(),
    })
    .describe(`FHIR R4 Bundle（searchset）of ${type}`);
}

export const FhirCapabilityStatement = z
  .looseObject({
    resourceType: z.literal('CapabilityStatement'),
    status: z.string(),
    date: z.string(),
    kind: z.string(),
    fhirVersion: z.string(),
    format: z.array(z.string()),
  })
  .describe('FHIR R4 CapabilityStatement');

/** The success answer of a FHIR route. */
export function fhirAnswer(schema: z.ZodType, description: string) {
  return { 200: { description, content: { [fhirMediaType]: { schema } } } };
}
