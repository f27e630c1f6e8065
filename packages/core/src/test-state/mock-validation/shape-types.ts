/**
 * The compact form of the response shapes mock validation checks against: per service, its
 * shapes by name and each operation's output shape, with the constraints AWS's model gives
 * (required members, lengths, ranges, enum values). Generated from AWS's service models
 * (scripts/generate-service-shapes.ts); member names as Step Functions returns them, first
 * letter upper case.
 */
export type Shape =
  /** string, blob (base64 text in JSON) and timestamp (text) are all JSON strings here. */
  | { t: 'string' | 'blob' | 'timestamp'; min?: number; max?: number; enum?: readonly string[] }
  | { t: 'integer' | 'long' | 'float' | 'double'; min?: number; max?: number }
  | { t: 'boolean' }
  | { t: 'list'; member: string; min?: number; max?: number }
  | { t: 'map'; value: string }
  | { t: 'structure'; members: Readonly<Record<string, string>>; required?: readonly string[] };

export interface ServiceShapeTable {
  /** Operation name (`PutEvents`) to its output shape's name. */
  readonly operations: Readonly<Record<string, string>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** By service (the model's name: `lambda`, `events`, `stepfunctions`, ...). */
export type ServiceShapes = Readonly<Record<string, ServiceShapeTable>>;
