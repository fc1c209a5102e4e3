import { SignUpForm } from "@/components/auth/SignUpForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { db } from "@/lib/db/client";
import { instanceHasUsers } from "@/lib/users/service";

export default async function SignUpPage() {
  if (await instanceHasUsers(db())) {
    return (
      <AuthShell title="Sign-up is by invitation" subtitle="Ask a project admin for an invitation link.">
        <a href="/signin" className="text-sm text-indigo-700 underline">
          Back to sign in
        </a>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Set up this instance" subtitle="The first account becomes the instance admin.">
      <SignUpForm />
    </AuthShell>
  );
}
