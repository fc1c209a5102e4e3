import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/SignInForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { externalProviders } from "@/lib/auth/nextauth";
import { pageDatabase } from "@/lib/http/page-context";
import { instanceHasUsers } from "@/lib/users/service";

export default async function SignInPage() {
  if (!(await instanceHasUsers(pageDatabase()))) redirect("/signup");
  return (
    <AuthShell title="Sign in">
      <Suspense>
        <SignInForm providers={externalProviders()} />
      </Suspense>
    </AuthShell>
  );
}
