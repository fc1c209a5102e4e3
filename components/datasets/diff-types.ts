// The answer of the version diff route (GET …/datasets/{id}/diff?from=&to=), as the compare page reads it.

export interface DiffItem {
  portableId: string;
  item: { input: unknown; expectedOutput: unknown; metadata: unknown; splits: string[]; tags: string[] };
}

export interface DiffField {
  path: string;
  op: "add" | "remove" | "replace";
  from?: unknown;
  to?: unknown;
}

export interface VersionDiff {
  from: { number: number; checksum: string; tags: string[] };
  to: { number: number; checksum: string; tags: string[] };
  summary: { added: number; removed: number; changed: number; unchanged: number };
  added: DiffItem[];
  removed: DiffItem[];
  changed: { portableId: string; fromRevision: number; toRevision: number; fields: DiffField[] }[];
  nextCursor: string | null;
}
