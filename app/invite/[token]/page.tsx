import { AcceptInvitationForm } from "@/components/auth/AcceptInvitationForm";
import { AuthShell } from "@/components/layout/AuthShell";
import { db } from "@/lib/db/client";
import { optionalPageUser } from "@/lib/http/page-context";
import { describeInvitation } from "@/lib/members/service";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(db(), token);
  if (!invitation) {
    return (
      <AuthShell title="This invitation link does not work" subtitle="It was already used, revoked, or has expired. Ask the admin who sent it for a new one.">
        <a href="/signin" className="text-sm text-indigo-700 underline">
          Go to sign in
        </a>
      </AuthShell>
    );
  }
  const user = await optionalPageUser();
  return (
    <AuthShell title={`Join ${invitation.project}`} subtitle={`You are invited as ${invitation.role.toLowerCase()}.`}>
      <AcceptInvitationForm token={token} email={invitation.email} hasAccount={invitation.hasAccount} signedInAs={user?.email ?? null} />
    </AuthShell>
  );
}
