import { beginSignIn, signInSucceeded } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { toProblem } from "./problem";

// Password sign-in goes through next-auth's credentials callback, whose `authorize` can only
// say yes or no. This wraps the callback's POST to answer 429 before the password is checked,
// and to clear the counts when a session cookie comes back.

interface NextAuthContext {
  params: Promise<{ nextauth: string[] }>;
}
type RouteHandler = (req: Request, ctx: NextAuthContext) => Promise<Response>;

interface ThrottleOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The email as next-auth will read it (a form, or JSON), without consuming the request. */
async function submittedEmail(req: Request): Promise<string | null> {
  const type = req.headers.get("content-type") ?? "";
  const text = await req.clone().text();
  let email: unknown;
  if (type.includes("application/json")) {
    email = (JSON.parse(text || "{}") as { email?: unknown }).email;
  } else {
    email = new URLSearchParams(text).get("email");
  }
  return typeof email === "string" && email.trim() ? email.trim().toLowerCase() : null;
}

function tooManyAttempts(blockedForMs: number): Response {
  const seconds = Math.ceil(blockedForMs / 1000);
  const problem = toProblem(new AppError("too_many_attempts", `Too many failed sign-ins from here: try again in ${seconds} seconds`));
  // `url` is what next-auth's signIn() reads from the answer: it turns into `error` for the form.
  const url = `${env().NEXTAUTH_URL.replace(/\/$/, "")}/signin?error=TooManyAttempts`;
  return new Response(JSON.stringify({ ...problem, url }), {
    status: 429,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", "retry-after": String(seconds) },
  });
}

function setsSession(res: Response): boolean {
  return res.headers.getSetCookie().some((c) => /session-token=[^;]/.test(c));
}

export function throttleCredentialsSignIn(inner: RouteHandler, options: ThrottleOptions = {}): RouteHandler {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? wait;
  return async (req, ctx) => {
    // next-auth routes by the first two path segments and ignores the rest: so does this.
    const [action, provider] = (await ctx.params).nextauth;
    if (req.method !== "POST" || action !== "callback" || provider !== "credentials") return inner(req, ctx);
    const email = await submittedEmail(req).catch(() => null);
    if (!email) return inner(req, ctx);
    const client = clientAddress(req);
    const attempt = await beginSignIn(db(), email, client, now());
    if (attempt.blockedForMs > 0) return tooManyAttempts(attempt.blockedForMs);
    if (attempt.delayMs > 0) await sleep(attempt.delayMs);
    const res = await inner(req, ctx);
    if (setsSession(res)) await signInSucceeded(db(), email, client);
    return res;
  };
}
