"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/Alert";
import { ApiError, api } from "@/components/ui/api";
import { Button } from "@/components/ui/Button";
import { Field } from "@/components/ui/Field";

/** Name and description belong to the rubric, not to a version: changing them publishes nothing. */
export function RubricDetailsForm({ project, rubricId, name, description }: { project: string; rubricId: string; name: string; description: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  return (
    <form
      className="grid items-end gap-3 sm:grid-cols-[1fr_2fr_auto]"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        try {
          await api(`/api/projects/${project}/rubrics/${rubricId}`, {
            method: "PATCH",
            body: { name: String(form.get("name")), description: String(form.get("description")) },
          });
          setMessage({ tone: "success", text: "Saved" });
          router.refresh();
        } catch (e) {
          setMessage({ tone: "error", text: e instanceof ApiError ? e.message : "Saving failed" });
        }
      }}
    >
      <Field label="Name" name="name" id="details-name" defaultValue={name} required />
      <Field label="Description" name="description" id="details-description" defaultValue={description} />
      <Button type="submit" variant="secondary">
        Save details
      </Button>
      {message ? (
        <div className="sm:col-span-3">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      ) : null}
    </form>
  );
}
