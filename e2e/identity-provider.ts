import type { Server } from "node:http";
import Provider, { type Configuration } from "oidc-provider";
import { BASE_URL, IDP } from "./base-url";

// A real OpenID Connect provider on this machine for the single sign-on tests. The app server
// is started with its settings (e2e/server.ts); the provider itself runs only while a spec that
// needs it does. Its login form takes any email as the account, with any password.

const configuration: Configuration = {
  clients: [
    {
      client_id: IDP.clientId,
      client_secret: IDP.clientSecret,
      redirect_uris: [`${BASE_URL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The app reads the user from the ID token, as many providers send it.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, accountId) {
    return {
      accountId,
      claims: async () => ({ sub: accountId, email: accountId, email_verified: true, name: accountId.split("@")[0] }),
    };
  },
  // Consent is the provider's business, not the app's: every request is granted what it asks.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
    grant.addOIDCScope(String(ctx.oidc.params!.scope ?? "openid"));
    await grant.save();
    return grant;
  },
};

export async function startIdentityProvider(): Promise<{ stop(): Promise<void> }> {
  const provider = new Provider(IDP.issuer, configuration);
  const server: Server = await new Promise((resolve, reject) => {
    const s = provider.listen(IDP.port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
  return {
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
