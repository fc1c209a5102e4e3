import protobuf from "protobufjs";
import { LIMITS } from "@/lib/traces/limits";

// The parts of the OpenTelemetry protocol (opentelemetry-proto v1: common, resource, trace,
// collector/trace/v1) that a trace receiver decodes and answers with, as published except
// for one thing: a KeyValue's value and AnyValue's nested lists are read as bytes (the same
// wire format). protobufjs would otherwise decode a kvlist nested past its recursion limit
// by failing the whole request; nested values are decoded by a walk that stops at our depth
// limit, so only the span holding them is refused.
// protobufjs builds the codec from this text at start-up; field names become lowerCamelCase,
// exactly the names of OTLP/JSON, so both encodings are read by one mapper.
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    bytes array_value = 5;
    bytes kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
// ArrayValue (of AnyValue) and KeyValueList (of KeyValue) alike.
message Values { repeated bytes values = 1; }
message KeyValue { string key = 1; bytes value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }

message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; uint32 dropped_attributes_count = 5; fixed32 flags = 6; }
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status { string message = 2; int32 code = 3; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }

// google.rpc.Status, the body of an OTLP error answer (details are not sent).
message RpcStatus { int32 code = 1; string message = 2; }
`;

const root = protobuf.parse(OTLP_TRACE_PROTO).root;
const type = (name: string) => root.lookupType(`opentelemetry.proto.${name}`);
const Request = type("ExportTraceServiceRequest");
const Response = type("ExportTraceServiceResponse");
const RpcStatus = type("RpcStatus");

const AnyValue = type("AnyValue");
const Values = type("Values");
const KeyValue = type("KeyValue");
type Obj = Record<string, unknown>;

/** An encoded AnyValue in the OTLP/JSON shape, lists below the depth limit left empty (the mapper refuses them there). */
function anyValue(bytes: Uint8Array, depth: number): Obj {
  const v = AnyValue.toObject(AnyValue.decode(bytes), { longs: String, defaults: false }) as Obj;
  const nested = (list: unknown) =>
    depth >= LIMITS.depth ? [] : ((Values.toObject(Values.decode(list as Uint8Array)) as { values?: Uint8Array[] }).values ?? []);
  if (v.arrayValue) return { arrayValue: { values: nested(v.arrayValue).map((b) => anyValue(b, depth + 1)) } };
  if (v.kvlistValue) return { kvlistValue: { values: nested(v.kvlistValue).map((b) => keyValue(KeyValue.toObject(KeyValue.decode(b)) as Obj, depth + 1)) } };
  return v;
}

const keyValue = (kv: Obj, depth: number): Obj => (kv.value instanceof Uint8Array ? { key: kv.key, value: anyValue(kv.value, depth) } : { key: kv.key });
const decodeAttributes = (holder: unknown) => {
  if (holder && typeof holder === "object" && Array.isArray((holder as Obj).attributes)) {
    (holder as Obj).attributes = ((holder as Obj).attributes as Obj[]).map((kv) => keyValue(kv, 0));
  }
};
const each = (holder: unknown, key: string): unknown[] =>
  holder && typeof holder === "object" && Array.isArray((holder as Obj)[key]) ? ((holder as Obj)[key] as unknown[]) : [];

/** Decodes a protobuf export request into the OTLP/JSON shape (ids still as bytes). Throws on garbage. */
export function decodeProtobufRequest(body: Uint8Array): unknown {
  const request = Request.toObject(Request.decode(body), { longs: String, enums: Number, defaults: false });
  for (const rs of each(request, "resourceSpans")) {
    decodeAttributes((rs as Obj).resource);
    for (const ss of each(rs, "scopeSpans")) {
      decodeAttributes((ss as Obj).scope);
      for (const span of each(ss, "spans")) {
        decodeAttributes(span);
        for (const part of [...each(span, "events"), ...each(span, "links")]) decodeAttributes(part);
      }
    }
  }
  return request;
}

export function encodeProtobufResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  const partialSuccess = rejectedSpans || errorMessage ? { rejectedSpans, errorMessage } : undefined;
  return Response.encode(Response.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

export function encodeProtobufStatus(code: number, message: string): Uint8Array {
  return RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish();
}
