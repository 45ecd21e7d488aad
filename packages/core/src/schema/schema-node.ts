/** A node of the JSON Schema generated from the AWS API model (scripts/generate-schema.mjs). */
export interface SchemaNode {
  readonly type?: string;
  readonly description?: string;
  /** The model's shape name. */
  readonly 'x-shape'?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly contentEncoding?: string;
  readonly format?: string;
}
