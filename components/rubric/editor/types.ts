/** The error at a path below the editor's current prefix, if any. */
export type ErrorAt = (path: string) => string | undefined;

export interface ConfigEditorProps<C> {
  config: C;
  onChange: (config: C) => void;
  error: ErrorAt;
}

export const toNumber = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));
