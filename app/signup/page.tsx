import { SignUpForm } from "@/components/auth/SignUpForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { pageDatabase } from "@/lib/http/page-context";
import { instanceHasUsers } from "@/lib/users/service";

export default async function SignUpPage() {
  if (await instanceHasUsers(pageDatabase())) {
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
