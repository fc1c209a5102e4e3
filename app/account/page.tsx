import { SignOutEverywhereButton } from "@/components/account/SignOutEverywhereButton";
import { AppHeader } from "@/components/layout/AppHeader";
import { Card } from "@/components/ui/Card";
import { pageUser } from "@/lib/http/page-context";

export default async function AccountPage() {
  const actor = await pageUser();
  return (
    <>
      <AppHeader actor={actor} current={null} />
      <main className="mx-auto max-w-3xl space-y-6 px-6 py-8">
        <h1 className="text-2xl font-semibold">Your account</h1>
        <Card title={actor.name}>
          <p className="text-sm text-slate-600">{actor.email}</p>
        </Card>
        <Card title="Sessions" actions={<SignOutEverywhereButton />}>
          <p className="text-sm text-slate-600">
            Signed in on a shared or lost device? Signing out everywhere ends every session of your account. A password reset or a deactivation does the same.
          </p>
        </Card>
      </main>
    </>
  );
}
