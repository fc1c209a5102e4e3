import { ApiError } from "@/components/ui/api";

// Reading the dataset forms' fields: JSON typed into a text area, lists typed with commas.
// A field that is not JSON is refused here with its name as the path, like the server would.

/** The JSON in a text area; `empty` when nothing was typed. */
export function jsonField(form: FormData, name: string, empty: unknown = undefined): unknown {
  const text = String(form.get(name) ?? "").trim();
  if (text === "") return empty;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(`${name} is not valid JSON`, 422, "validation_failed", [{ path: name, message: "is not valid JSON" }]);
  }
}

/** A comma-separated list, trimmed, without empty entries. */
export function listField(form: FormData, name: string): string[] {
  return String(form.get(name) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A value shown in a text area for editing: text as JSON too, so what is saved is what was shown. */
export const asJsonText = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value, null, 2));

const LOOKS_LIKE_JSON = /^[[{"]/;

/**
 * An input or expected output: plain text is kept as text, while what starts with `{`, `[` or
 * `"` is read as JSON (so messages and objects can be typed). Empty is null.
 */
export function valueField(form: FormData, name: string): unknown {
  const text = String(form.get(name) ?? "");
  if (text.trim() === "") return null;
  return LOOKS_LIKE_JSON.test(text.trim()) ? jsonField(form, name) : text;
}

/** The text a value is edited as: text as it is, anything else as JSON. */
export const asValueText = (value: unknown) => (typeof value === "string" && !LOOKS_LIKE_JSON.test(value.trim()) ? value : asJsonText(value));
