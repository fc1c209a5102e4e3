// Typed errors thrown by services and mapped to HTTP at the boundary (lib/http).

export const ERROR_STATUS = {
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  origin_rejected: 403,
  not_found: 404,
  conflict: 409,
  last_admin: 409,
  already_member: 409,
  trace_locked: 409,
  // Queues: the item already has its N submitted labels, the rater's lease is gone, or the
  // rater already submitted this item (revise instead).
  overlap_reached: 409,
  lease_expired: 409,
  already_submitted: 409,
  too_many_leases: 409,
  // An archived queue takes no new items.
  queue_archived: 409,
  // Promotion from a queue whose raters agree less than the project's threshold.
  agreement_gate: 409,
  // Model connection names are unique in a project.
  connection_name_taken: 409,
  // Judges: names are unique in a project, and a connection that judge versions use cannot be deleted.
  judge_name_taken: 409,
  // An archived judge keeps its versions and results but starts no new run.
  judge_archived: 409,
  connection_in_use: 409,
  // A judge draft that cannot be what it names: a rubric version not published, a criterion a
  // judge cannot answer, a model the connection does not list, an example not in the judge's set.
  rubric_not_published: 422,
  criterion_not_judgeable: 422,
  model_not_on_connection: 422,
  example_not_found: 422,
  // A prompt template with an unknown variable or an unclosed slot (its line and column in `errors`).
  template_invalid: 422,
  // An adjudicator settling an item they labelled themselves.
  adjudicator_labelled: 403,
  token_invalid: 410,
  validation_failed: 422,
  // A JSON number beyond the range of a double (1e400) in dataset content: no canonical JSON writes it.
  number_out_of_range: 422,
  bad_request: 400,
  // NUL or a lone surrogate where text names or identifies something (see lib/traces/limits).
  invalid_text: 400,
  // A destructive request whose typed confirmation does not repeat the name of what it removes.
  confirmation_mismatch: 400,
  payload_too_large: 413,
  batch_too_large: 413,
  field_too_large: 413,
  too_deep: 422,
  too_many_attributes: 422,
  too_many_spans: 422,
  trace_not_found: 404,
  span_not_found: 404,
  rubric_not_found: 422,
  criterion_not_found: 422,
  invalid_value: 422,
  // A target without a value the judge's prompt template uses.
  missing_values: 422,
  // A stored secret that none of the configured encryption keys opens (a key was dropped too early).
  secret_unreadable: 500,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  // Trace batches beyond the instance's concurrent writes waited longer than the bound (lib/traces/write-gate.ts).
  ingestion_busy: 429,
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Seconds an answer with this code asks the client to wait before sending again (Retry-After). */
export const RETRY_AFTER_S: Partial<Record<ErrorCode, number>> = { ingestion_busy: 1, database_unavailable: 5 };

export interface FieldError {
  path: string;
  message: string;
  /** Where in a multi-line text field (a prompt template) the error is, 1-based. */
  line?: number;
  column?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldError[];

  constructor(code: ErrorCode, message: string, fieldErrors?: FieldError[]) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new AppError("forbidden", message);
export const unauthenticated = () => new AppError("unauthenticated", "Sign in or send an API key");
