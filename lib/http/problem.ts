import { AppError, type FieldError, RETRY_AFTER_S } from "@/lib/errors";
import { isDatabaseUnavailable } from "@/lib/db/client";
import { log } from "@/lib/ops/log";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

/** Maps any thrown value to an RFC 9457 problem. A 5xx never echoes internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    return {
      type: `urn:assay:problem:${error.code}`,
      title: error.code.replaceAll("_", " "),
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      type: "urn:assay:problem:database_unavailable",
      title: "database unavailable",
      status: 503,
      code: "database_unavailable",
      detail: "The database cannot be reached right now. Try again shortly.",
    };
  }
  return {
    type: "urn:assay:problem:internal_error",
    title: "internal error",
    status: 500,
    code: "internal_error",
    detail: "Something went wrong on our side.",
  };
}

export function problemResponse(error: unknown): Response {
  const problem = toProblem(error);
  if (problem.status >= 500 && problem.code === "internal_error") {
    log().error({ err: error }, "unhandled error");
  }
  const headers = new Headers({ "content-type": PROBLEM_CONTENT_TYPE, "cache-control": "no-store" });
  const retryAfter = RETRY_AFTER_S[problem.code as keyof typeof RETRY_AFTER_S];
  if (retryAfter) headers.set("retry-after", String(retryAfter));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}
