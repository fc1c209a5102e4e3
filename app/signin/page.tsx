import { redirect } from "next/navigation";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/SignInForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { externalProviders } from "@/lib/auth/nextauth";
import { db } from "@/lib/db/client";
import { instanceHasUsers } from "@/lib/users/service";

export default async function SignInPage() {
  if (!(await instanceHasUsers(db()))) redirect("/signup");
  return (
    <AuthShell title="Sign in">
      <Suspense>
        <SignInForm providers={externalProviders()} />
      </Suspense>
    </AuthShell>
  );
}
