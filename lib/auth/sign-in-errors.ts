// Why a sign-in through an identity provider was refused: the code the sign-in callback puts
// in `/signin?error=…`, and the sentence the sign-in page shows for it. next-auth's own codes
// (a failed callback, a provider error) read as a plain failure.

export const SIGN_IN_REFUSED = {
  no_invitation: "NoInvitation",
  deactivated: "AccountDeactivated",
  no_email: "NoEmail",
} as const;

const TEXT: Record<string, string> = {
  [SIGN_IN_REFUSED.no_invitation]: "Sign-in failed. Single sign-on needs an invitation for your email.",
  [SIGN_IN_REFUSED.deactivated]: "Sign-in failed. This account is deactivated; an instance admin can reactivate it.",
  [SIGN_IN_REFUSED.no_email]: "Sign-in failed. The identity provider did not share an email address.",
  // next-auth's code when the callback answers false.
  AccessDenied: "Sign-in failed. Single sign-on needs an invitation for your email.",
};

export function signInErrorText(code: string | null): string | null {
  if (!code) return null;
  return TEXT[code] ?? "Sign-in failed. Try again, or ask an admin of this instance.";
}
