"use client";

import { useRouter } from "next/navigation";
import { api } from "@/components/ui/api";
import { Field } from "@/components/ui/Field";
import { FormDialog } from "@/components/ui/FormDialog";

/** Creates a judge (name and description) and opens it, where its first draft is written. */
export function NewJudgeDialog({ project }: { project: string }) {
  const router = useRouter();
  return (
    <FormDialog
      label="New judge"
      title="New judge"
      submitLabel="Create judge"
      testId="new-judge"
      onSubmit={async (form) => {
        const created = await api<{ name: string }>(`/api/projects/${project}/judges`, {
          body: { name: String(form.get("name")), description: String(form.get("description") ?? "") },
        });
        router.push(`/p/${project}/judges/${encodeURIComponent(created.name)}`);
      }}
    >
      <Field
        label="Name (unique in this project; also the rater name of its scores)"
        name="name"
        id="judge-name"
        required
        maxLength={64}
        pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}"
        title="Letters, digits and . _ -, starting with a letter or digit"
      />
      <Field label="Description" name="description" id="judge-description" maxLength={5000} />
    </FormDialog>
  );
}
