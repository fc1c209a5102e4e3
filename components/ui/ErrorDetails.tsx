import { Alert } from "./Alert";
import { ApiError } from "./api";

/** A refused request: the server's message, then each failing field with its path. */
export function ErrorDetails({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : "Something went wrong";
  const fields = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <Alert tone="error">
      <p>{message}</p>
      {fields.length ? (
        <ul className="mt-1 list-disc pl-5" data-testid="error-fields">
          {fields.map((f, i) => (
            <li key={`${f.path}-${i}`}>
              <code className="font-mono text-xs">{f.path}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
