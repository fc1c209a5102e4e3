import { describe, expect, it } from "vitest";
import * as nextAuthRoute from "@/app/api/auth/[...nextauth]/route";
import { hashPassword } from "@/lib/auth/password";
import { SIGN_IN_POLICY } from "@/lib/auth/sign-in-policy";
import { db } from "@/lib/db/client";
import { throttleCredentialsSignIn } from "@/lib/http/credentials-throttle";
import { authenticatePassword } from "@/lib/users/service";
import { unique } from "@/tests/helpers/fixtures";

// next-auth's app-route adapter needs Next's request scope, which a test does not have. So the
// throttle wraps a stand-in for next-auth's credentials callback that checks the password the
// way its `authorize` does (lib/auth/nextauth.ts) and answers as next-auth does: a session
// cookie, or 401. Time is moved by moving the stored failure timestamps, never by sleeping.

const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
// A clock that stands still: every wait left is then exactly what the stored timestamps say.
const now = new Date();
const clock = { now: () => now };

function credentialsCallback(checked: string[]) {
  return async (req: Request) => {
    const form = new URLSearchParams(await req.text());
    checked.push(form.get("password") ?? "");
    const user = await authenticatePassword(db(), form.get("email") ?? "", form.get("password") ?? "");
    if (!user) return Response.json({ url: "http://assay.test/signin?error=CredentialsSignin" }, { status: 401 });
    return Response.json({ url: "http://assay.test/" }, { headers: { "set-cookie": "next-auth.session-token=signed; Path=/; HttpOnly" } });
  };
}

function attempt(email: string, password: string, client: string): Request {
  return new Request("http://assay.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client },
    body: new URLSearchParams({ csrfToken: "t", email, password, json: "true" }),
  });
}

async function userWithPassword(password: string): Promise<string> {
  const email = `${unique("signin")}@example.com`;
  await db().user.create({ data: { email, name: "Signing In", passwordHash: await hashPassword(password) } });
  return email;
}

async function moveBack(email: string, ms: number): Promise<void> {
  await db().$executeRaw`UPDATE sign_in_failures SET last_failure_at = last_failure_at - make_interval(secs => ${ms / 1000}) WHERE email = ${email}`;
}

describe("password sign-in throttling", () => {
  it("answers the 6th wrong attempt within the window with 429 and Retry-After, until the block ends", async () => {
    const email = await userWithPassword("the right password");
    const checked: string[] = [];
    const signIn = throttleCredentialsSignIn(credentialsCallback(checked), clock);
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures; i++) {
      expect((await signIn(attempt(email, `wrong ${i}`, "203.0.113.10"), ctx)).status).toBe(401);
    }

    const sixth = await signIn(attempt(email, "wrong 6", "203.0.113.10"), ctx);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe(String(SIGN_IN_POLICY.firstBlockMs / 1000));
    const body = await sixth.json();
    expect(body).toMatchObject({ status: 429, code: "too_many_attempts" });
    expect(new URL(body.url).searchParams.get("error")).toBe("TooManyAttempts");

    const rightTooSoon = await signIn(attempt(email, "the right password", "203.0.113.10"), ctx);
    expect(rightTooSoon.status).toBe(429);
    expect(checked).toHaveLength(SIGN_IN_POLICY.freeFailures);

    await moveBack(email, SIGN_IN_POLICY.firstBlockMs);
    expect((await signIn(attempt(email, "the right password", "203.0.113.10"), ctx)).status).toBe(200);
    expect(await db().signInFailure.count({ where: { email } })).toBe(0);
  });

  it("blocks for longer after each further failure", async () => {
    const email = await userWithPassword("the right password");
    const signIn = throttleCredentialsSignIn(credentialsCallback([]), clock);
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures; i++) await signIn(attempt(email, "wrong", "203.0.113.11"), ctx);
    await moveBack(email, SIGN_IN_POLICY.firstBlockMs);
    expect((await signIn(attempt(email, "wrong again", "203.0.113.11"), ctx)).status).toBe(401);
    const next = await signIn(attempt(email, "wrong again", "203.0.113.11"), ctx);
    expect(next.status).toBe(429);
    expect(next.headers.get("retry-after")).toBe(String((2 * SIGN_IN_POLICY.firstBlockMs) / 1000));
  });

  it("blocks only the guessing client: the owner signs in from elsewhere", async () => {
    const email = await userWithPassword("the right password");
    const signIn = throttleCredentialsSignIn(credentialsCallback([]), clock);
    for (let i = 0; i <= SIGN_IN_POLICY.freeFailures; i++) await signIn(attempt(email, "wrong", "198.51.100.66"), ctx);
    expect((await signIn(attempt(email, "wrong", "198.51.100.66"), ctx)).status).toBe(429);
    expect((await signIn(attempt(email, "the right password", "203.0.113.12"), ctx)).status).toBe(200);
  });

  it("answers an unknown email exactly as a known one", async () => {
    const known = await userWithPassword("the right password");
    const unknown = `${unique("nobody")}@example.com`;
    const signIn = throttleCredentialsSignIn(credentialsCallback([]), clock);
    const answers = async (email: string) => {
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i <= SIGN_IN_POLICY.freeFailures; i++) {
        last = await signIn(attempt(email, "wrong", "203.0.113.13"), ctx);
        statuses.push(last.status);
      }
      const { detail, code } = await last!.json();
      return { statuses, detail, code, retryAfter: last!.headers.get("retry-after") };
    };
    expect(await answers(unknown)).toEqual(await answers(known));
  });

  it("slows an account's guesses from many addresses by a growing pause, never a block", async () => {
    const email = await userWithPassword("the right password");
    const pauses: number[] = [];
    const signIn = throttleCredentialsSignIn(credentialsCallback([]), { ...clock, sleep: async (ms) => void pauses.push(ms) });
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_POLICY.accountFreeFailures + 3; i++) {
      statuses.push((await signIn(attempt(email, "wrong", `192.0.2.${i + 1}`), ctx)).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(pauses).toEqual([1, 2].map((n) => n * SIGN_IN_POLICY.accountDelayStepMs));
    expect((await signIn(attempt(email, "the right password", "192.0.2.200"), ctx)).status).toBe(200);
    expect(pauses).toHaveLength(3);
  });

  it("is in front of next-auth's own credentials callback", async () => {
    const email = await userWithPassword("the right password");
    // The route reads the real clock, so the failures are stored at the real time too.
    const signIn = throttleCredentialsSignIn(credentialsCallback([]));
    for (let i = 0; i < SIGN_IN_POLICY.freeFailures; i++) await signIn(attempt(email, "wrong", "203.0.113.14"), ctx);
    const res = await nextAuthRoute.POST(attempt(email, "the right password", "203.0.113.14"), ctx);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // next-auth ignores path segments after the provider; the throttle must too.
    const longer = { params: Promise.resolve({ nextauth: ["callback", "credentials", "again"] }) };
    expect((await nextAuthRoute.POST(attempt(email, "the right password", "203.0.113.14"), longer)).status).toBe(429);
  });
});
