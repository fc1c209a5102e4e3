import { type NextRequest, NextResponse } from "next/server";

// Sets a per-request nonce and a Content-Security-Policy without 'unsafe-inline' scripts.
// Authorization is NOT done here: every route and page checks the caller itself.
//
// API paths are seen here only when their percent-encoding could be malformed (see the
// matcher): Next.js decodes route parameters before any handler runs and answers a bad one
// with a bare 500. Running for every API request would cost each body a copy, so it does not.

/** Whether every segment of the path decodes to UTF-8 text. */
function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function malformedPath(): Response {
  const problem = {
    type: "urn:assay:problem:bad_request",
    title: "bad request",
    status: 400,
    code: "bad_request",
    detail: "The path is not valid percent-encoded UTF-8",
  };
  return new Response(JSON.stringify(problem), {
    status: 400,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}

export function proxy(request: NextRequest) {
  if (!decodes(request.nextUrl.pathname)) return malformedPath();
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-content-type-options", "nosniff");
  return response;
}

export const config = {
  matcher: [
    { source: "/((?!api|_next/static|_next/image|favicon.ico).*)" },
    // API paths with a `%` that is not an ASCII escape (`%00`–`%7F`): bad escapes and bytes of
    // UTF-8 (valid or not). Every other API request skips the proxy.
    { source: "/api/:rest(.*%[^0-7].*|.*%[0-7][^0-9A-Fa-f].*|.*%[0-7]?)" },
  ],
};
