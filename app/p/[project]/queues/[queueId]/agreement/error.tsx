"use client";

import { Alert } from "@/components/ui/Alert";

export default function AgreementError({ reset }: { error: Error; reset: () => void }) {
  return (
    <Alert tone="error">
      The agreement report could not be computed.{" "}
      <button type="button" className="underline" onClick={reset}>
        Try again
      </button>
    </Alert>
  );
}
