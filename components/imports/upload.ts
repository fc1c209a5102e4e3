"use client";

import { ApiError, api } from "@/components/ui/api";
import type { TImportView } from "@/lib/imports/schemas";

// The browser never sends a whole file at once: it slices it into 1 MiB pieces and posts them
// in order, so a large file neither sits in one request body nor in the server's memory.
export const PIECE_BYTES = 1024 * 1024;

async function sendPiece(url: string, piece: Blob): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: piece }).catch(() => null);
    if (response?.ok) return;
    const retryable = !response || response.status === 429 || response.status >= 500;
    if (!retryable || attempt >= 4) {
      const data = await response?.json().catch(() => null);
      throw new ApiError(data?.detail ?? "The upload failed", response?.status ?? 0, data?.code ?? "upload_failed");
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
  }
}

export async function uploadFile(slug: string, file: File, format: "JSONL" | "CSV", onProgress: (sent: number) => void): Promise<TImportView> {
  const created = await api<TImportView>(`/api/projects/${slug}/imports`, { body: { format, fileName: file.name || "upload", sizeBytes: file.size } });
  for (let seq = 0, offset = 0; offset < file.size; seq++, offset += PIECE_BYTES) {
    await sendPiece(`/api/projects/${slug}/imports/${created.id}/chunks?seq=${seq}`, file.slice(offset, offset + PIECE_BYTES));
    onProgress(Math.min(file.size, offset + PIECE_BYTES));
  }
  return created;
}
