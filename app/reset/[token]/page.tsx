import { ResetPasswordForm } from "@/components/auth/ResetPasswordForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { db } from "@/lib/db/client";
import { findUsableReset } from "@/lib/users/service";

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findUsableReset(db(), token);
  if (!reset) {
    return (
      <AuthShell title="This reset link does not work" subtitle="It was already used or has expired. Ask an admin for a new one.">
        <a href="/signin" className="text-sm text-indigo-700 underline">
          Go to sign in
        </a>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Choose a new password">
      <ResetPasswordForm token={token} email={reset.email} />
    </AuthShell>
  );
}
