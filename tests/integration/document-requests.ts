/**
 * Requests made from the published /openapi.json alone (issue 21, item 6), as a client generated from it
 * would make them: each parameter and body drawn from the document's own JSON Schemas (fast-check, a fixed
 * seed), then kept only if Ajv, a JSON Schema 2020-12 validator with formats asserted, says the document
 * allows it. Nothing here reads the zod source: where the document is looser than the server, the server
 * refuses data the document allows, and openapi.test.ts names the operation and the value.
 *
 * Strings without a pattern are drawn from an alphabet a form can send (Chinese, Latin, white space of
 * every kind, control characters, lone surrogates, emoji, zero-width characters), so a text field that
 * does not publish the server's rules for text shows it.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

type Schema = any;
export type Document = any;

export interface RequestCase {
  operationId: string;
  method: string;
  /** The path with its parameters filled in and percent-encoded, and the query string. */
  url: string;
  headers: Record<string, string>;
  /** JSON bodies as values; a file's body as text. */
  body?: unknown;
  rawBody?: string;
}

/** Real records, so a request reaches validation and the use case rather than a 404 on a made-up id. */
export type PathFixtures = Record<string, string[]>;

/** What a typed form can send: every kind of character a person, a paste or a broken client puts in a text. */
const anyCharacter = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'督查事项办理进展情况供水管网改造abcXYZ0123456789，。'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\n', '\r', '\u3000', '\u00a0', '\u2028', '\u2029', '\u0085') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\u0090', '\ufffe', '\uffff', '\ud800', '\udfff'),
  },
  { weight: 1, arbitrary: fc.constantFrom('\u200b', '\u200d', '\ufeff', '\u00ad', '😀', '𠀀', '\u{10ffff}') },
);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** RFC 3339 full-date, any year JSON Schema's `date` format allows (0000–9999). */
const anyFullDate = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, daysIn(y, m)))}`);

/** Decimals of a step such as 0.01, so k × step is printed as the decimal it is. */
const decimalsOf = (step: number) => (String(step).split('.')[1] ?? '').length;

export class DocumentArbitraries {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  readonly #document: Document;

  constructor(document: Document) {
    this.#document = document;
    addFormats(this.#ajv);
    this.#ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
  }

  readonly #validators = new WeakMap<object, (value: unknown) => boolean>();

  /** True when the document's schema allows the value (its `$ref`s read in the document). */
  allows(schema: Schema, value: unknown): boolean {
    let validate = this.#validators.get(schema);
    if (!validate) {
      validate = this.#ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')));
      this.#validators.set(schema, validate);
    }
    return validate(value);
  }

  /** Values the schema allows: drawn from its keywords, checked by Ajv. */
  of(schema: Schema): fc.Arbitrary<unknown> {
    return this.#draw(schema).filter((value) => this.allows(schema, value));
  }

  #resolve(schema: Schema): Schema {
    if (!schema?.$ref) return schema;
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    return this.#resolve(this.#document.components.schemas[name]);
  }

  #draw(raw: Schema): fc.Arbitrary<unknown> {
    const schema = this.#resolve(raw);
    if (schema === undefined || schema === true || Object.keys(schema).length === 0) return fc.jsonValue({ maxDepth: 2 });
    if ('const' in schema) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices) return fc.oneof(...choices.map((s: Schema) => this.#draw(s)));
    if (schema.allOf)
      return this.#draw({ ...schema, allOf: undefined, ...Object.assign({}, ...schema.allOf.map((s: Schema) => this.#resolve(s))) });
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
    return fc.oneof(...types.map((type) => this.#drawType(type, schema)));
  }

  #drawType(type: string, schema: Schema): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : -1e6);
        const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum : 1e6);
        const step = schema.multipleOf ?? (type === 'integer' ? 1 : undefined);
        if (step === undefined)
          return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true }));
        const decimals = decimalsOf(step);
        return fc
          .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
          .map((k) => (decimals ? Number((k * step).toFixed(decimals)) : k * step));
      }
      case 'string':
        return this.#drawString(schema);
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
        return fc.array(this.#draw(schema.items ?? {}), { minLength, maxLength });
      }
      default:
        return this.#drawObject(schema);
    }
  }

  #drawString(schema: Schema): fc.Arbitrary<string> {
    if (schema.pattern) {
      const pattern = fc.stringMatching(new RegExp(schema.pattern, 'u'));
      return schema.format === 'date' ? fc.oneof(pattern, anyFullDate) : pattern;
    }
    switch (schema.format) {
      case 'date':
        return anyFullDate;
      case 'date-time':
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      case 'email':
        return fc.emailAddress();
      case 'uuid':
        return fc.uuid();
      case 'uri':
        return fc.webUrl();
      case 'binary':
        return fc.string({ unit: anyCharacter, maxLength: 40 });
    }
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.max(minLength, schema.maxLength ?? 1000);
    return fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: anyCharacter, minLength, maxLength: Math.min(maxLength, minLength + 20) }) },
      // As long as the document allows, counted as JSON Schema counts: in characters (code points).
      { weight: 1, arbitrary: fc.constantFrom('供', '😀', 'a').map((c) => c.repeat(maxLength)) },
    );
  }

  #drawObject(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
    const properties: Record<string, Schema> = schema.properties ?? {};
    const record = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, this.#draw(s)]));
    return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k: string) => k in properties) });
  }

  /** One operation's requests: path parameters from the fixtures (or the document), query, headers and body from the document. */
  requestsOf(path: string, method: string, fixtures: PathFixtures): fc.Arbitrary<RequestCase> {
    const operation = this.#document.paths[path][method];
    const parameters: Schema[] = operation.parameters ?? [];
    const value = (p: Schema) =>
      p.in === 'path' && fixtures[p.name]?.length ? fc.constantFrom(...(fixtures[p.name] as string[])) : this.of(p.schema);
    const part = (where: string) => {
      // The cursor is the server's own token from the previous page of the same query (opaque, signed to it): no
      // client makes one up, and a made-up one is refused by design.
      const wanted = parameters.filter((p) => p.in === where && p.name !== 'cursor');
      return fc.record(Object.fromEntries(wanted.map((p) => [p.name, value(p)])), {
        requiredKeys: wanted.filter((p) => p.required).map((p) => p.name),
      }) as fc.Arbitrary<Record<string, unknown>>;
    };
    const content = operation.requestBody?.content ?? {};
    const body: fc.Arbitrary<Pick<RequestCase, 'body' | 'rawBody'> & { contentType?: string }> = content['application/json']
      ? this.of(content['application/json'].schema).map((json) => ({ body: json }))
      : Object.keys(content).length > 0
        ? fc
            .tuple(fc.constantFrom(...Object.keys(content)), fc.string({ maxLength: 60 }))
            .map(([contentType, rawBody]) => ({ contentType, rawBody }))
        : fc.constant({});
    return fc.tuple(part('path'), part('query'), part('header'), body).map(([params, query, headers, { contentType, ...sent }]) => {
      const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
      const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        url: search ? `${filled}?${search}` : filled,
        headers: {
          ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])),
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        ...sent,
      };
    });
  }
}
