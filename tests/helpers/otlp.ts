import protobuf from "protobufjs";
import { POST } from "@/app/api/otel/v1/traces/route";
import { call } from "./fixtures";

// OTLP requests built by hand, in both encodings, for tests that send what no SDK would:
// any AnyValue (kvlists nested thousands deep, hostile keys) and any string.

export type AnyValueJson =
  | { stringValue: string }
  | { intValue: string }
  | { kvlistValue: { values: { key: string; value: AnyValueJson }[] } }
  | { arrayValue: { values: AnyValueJson[] } };
export interface SpanJson {
  traceId: string;
  spanId: string;
  name: string;
  parentSpanId?: string;
  attributes?: { key: string; value: AnyValueJson }[];
}
export interface RequestJson {
  resource?: { key: string; value: AnyValueJson }[];
  scope?: { key: string; value: AnyValueJson }[];
  spans: SpanJson[];
}

export const kv = (key: string, value: AnyValueJson) => ({ key, value });
export const str = (stringValue: string): AnyValueJson => ({ stringValue });
export const kvlist = (entries: Record<string, AnyValueJson>): AnyValueJson => ({ kvlistValue: { values: Object.entries(entries).map(([k, v]) => kv(k, v)) } });

/** A kvlist nested `depth` levels deep, built without recursion. */
export function nested(depth: number): AnyValueJson {
  let value: AnyValueJson = str("bottom");
  for (let i = 0; i < depth; i++) value = { kvlistValue: { values: [{ key: "k", value }] } };
  return value;
}

/** JSON text of a value of any depth: JSON.stringify recurses, and would overflow first. */
function anyValueText(root: AnyValueJson): string {
  const out: string[] = [];
  const todo: (AnyValueJson | { text: string })[] = [root];
  while (todo.length) {
    const v = todo.pop()!;
    if ("text" in v) out.push(v.text);
    else if ("kvlistValue" in v) {
      const parts = v.kvlistValue.values.flatMap((e, i) => [{ text: `${i ? "," : ""}{"key":${JSON.stringify(e.key)},"value":` }, e.value, { text: "}" }]);
      todo.push({ text: "]}}" }, ...parts.reverse(), { text: '{"kvlistValue":{"values":[' });
    } else if ("arrayValue" in v) {
      const parts = v.arrayValue.values.flatMap((e, i) => [{ text: i ? "," : "" }, e]);
      todo.push({ text: "]}}" }, ...parts.reverse(), { text: '{"arrayValue":{"values":[' });
    } else out.push(JSON.stringify(v));
  }
  return out.join("");
}

const attributesText = (list: { key: string; value: AnyValueJson }[] = []) =>
  `[${list.map((e) => `{"key":${JSON.stringify(e.key)},"value":${anyValueText(e.value)}}`).join(",")}]`;

export function jsonBody(r: RequestJson): string {
  const spans = r.spans.map(({ attributes, ...s }) =>
    JSON.stringify({ startTimeUnixNano: "1700000000000000000", ...s }).replace(/}$/, `,"attributes":${attributesText(attributes)}}`),
  );
  return `{"resourceSpans":[{"resource":{"attributes":${attributesText(r.resource)}},"scopeSpans":[{"scope":{"name":"t","attributes":${attributesText(r.scope)}},"spans":[${spans.join(",")}]}]}]}`;
}

// Protobuf by hand: length-delimited fields only (plus the span's fixed64 start), encoded
// innermost first with an explicit stack so depth costs no recursion here either.
const varint = (n: number) => {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
};
const field = (no: number, bytes: Uint8Array) => Buffer.concat([varint((no << 3) | 2), varint(bytes.length), bytes]);
const text = (no: number, s: string) => field(no, Buffer.from(s, "utf8"));

const fieldLength = (no: number, length: number) => varint((no << 3) | 2).length + varint(length).length + length;

/**
 * An AnyValue in protobuf, in time linear in its size whatever its depth: the lengths of all
 * values are worked out first (children before parents), then the bytes are written front to
 * back into one buffer. Encoding each level around its child's bytes would copy a value ten
 * thousand levels deep ten thousand times.
 */
function anyValueProto(root: AnyValueJson): Buffer {
  const children = (v: AnyValueJson) => ("kvlistValue" in v ? v.kvlistValue.values.map((e) => e.value) : "arrayValue" in v ? v.arrayValue.values : []);
  const entryLength = (key: string, value: AnyValueJson) => fieldLength(1, Buffer.byteLength(key)) + fieldLength(2, size.get(value)!);
  const size = new Map<AnyValueJson, number>();
  const order: { v: AnyValueJson; done: boolean }[] = [{ v: root, done: false }];
  while (order.length) {
    const top = order.pop()!;
    if (!top.done) {
      order.push({ v: top.v, done: true }, ...children(top.v).map((c) => ({ v: c, done: false })));
      continue;
    }
    const v = top.v;
    if ("stringValue" in v) size.set(v, fieldLength(1, Buffer.byteLength(v.stringValue)));
    else if ("intValue" in v) size.set(v, 1 + varint(Number(v.intValue)).length);
    else if ("kvlistValue" in v)
      size.set(
        v,
        fieldLength(
          6,
          v.kvlistValue.values.reduce((n, e) => n + fieldLength(1, entryLength(e.key, e.value)), 0),
        ),
      );
    else
      size.set(
        v,
        fieldLength(
          5,
          v.arrayValue.values.reduce((n, e) => n + fieldLength(1, size.get(e)!), 0),
        ),
      );
  }
  const out = Buffer.alloc(size.get(root)!);
  let at = 0;
  const todo: (AnyValueJson | Buffer)[] = [root];
  const header = (no: number, length: number) => Buffer.concat([varint((no << 3) | 2), varint(length)]);
  while (todo.length) {
    const next = todo.pop()!;
    if (Buffer.isBuffer(next)) {
      at += next.copy(out, at);
      continue;
    }
    const v = next;
    let parts: (AnyValueJson | Buffer)[];
    if ("stringValue" in v) parts = [text(1, v.stringValue)];
    else if ("intValue" in v) parts = [Buffer.concat([varint(3 << 3), varint(Number(v.intValue))])];
    else if ("kvlistValue" in v) {
      const inner = v.kvlistValue.values.reduce((n, e) => n + fieldLength(1, entryLength(e.key, e.value)), 0);
      parts = [
        header(6, inner),
        ...v.kvlistValue.values.flatMap((e) => [header(1, entryLength(e.key, e.value)), text(1, e.key), header(2, size.get(e.value)!), e.value]),
      ];
    } else {
      const inner = v.arrayValue.values.reduce((n, e) => n + fieldLength(1, size.get(e)!), 0);
      parts = [header(5, inner), ...v.arrayValue.values.flatMap((e) => [header(1, size.get(e)!), e])];
    }
    todo.push(...parts.reverse());
  }
  return out;
}

const kvProto = (no: number, list: { key: string; value: AnyValueJson }[] = []) =>
  list.map((e) => field(no, Buffer.concat([text(1, e.key), field(2, anyValueProto(e.value))])));

export function protoBody(r: RequestJson): Uint8Array {
  const start = Buffer.alloc(9);
  start[0] = (7 << 3) | 1;
  start.writeBigUInt64LE(1700000000000000000n, 1);
  const spans = r.spans.map((s) =>
    field(
      2,
      Buffer.concat([
        field(1, Buffer.from(s.traceId, "hex")),
        field(2, Buffer.from(s.spanId, "hex")),
        ...(s.parentSpanId ? [field(4, Buffer.from(s.parentSpanId, "hex"))] : []),
        text(5, s.name),
        start,
        ...kvProto(9, s.attributes),
      ]),
    ),
  );
  const scope = field(1, Buffer.concat([text(1, "t"), ...kvProto(3, r.scope)]));
  const resource = field(1, Buffer.concat(kvProto(1, r.resource)));
  return new Uint8Array(field(1, Buffer.concat([resource, field(2, Buffer.concat([scope, ...spans]))])));
}

const Response = protobuf
  .parse(
    `syntax = "proto3";
message PartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportResponse { PartialSuccess partial_success = 1; }`,
  )
  .root.lookupType("ExportResponse");

/** Sends the request in one encoding; answers the status and the partial success, in one shape for both. */
export async function sendOtlp(key: string, format: "json" | "protobuf", r: RequestJson) {
  if (format === "json") {
    const res = await call(POST, { method: "POST", key, rawBody: jsonBody(r) });
    const p = res.json?.partialSuccess;
    return { status: res.status, rejectedSpans: Number(p?.rejectedSpans ?? 0), errorMessage: String(p?.errorMessage ?? res.json?.message ?? "") };
  }
  const req = new Request("http://assay.test/api/otel/v1/traces", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, origin: "http://assay.test", "content-type": "application/x-protobuf" },
    body: protoBody(r) as BodyInit,
  });
  const res = await POST(req, { params: Promise.resolve({}) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, rejectedSpans: 0, errorMessage: Buffer.from(bytes).toString("utf8") };
  const p = (Response.toObject(Response.decode(bytes), { longs: Number }) as { partialSuccess?: { rejectedSpans?: number; errorMessage?: string } })
    .partialSuccess;
  return { status: res.status, rejectedSpans: p?.rejectedSpans ?? 0, errorMessage: p?.errorMessage ?? "" };
}
