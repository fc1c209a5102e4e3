import Link from "next/link";
import { traceListHref } from "@/lib/traces/url";

/** Keyset paging goes forward only: "Next" follows the cursor, "Newest" returns to the start. */
export function TracePager({ slug, params, nextCursor }: { slug: string; params: Record<string, string>; nextCursor: string | null }) {
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex justify-end gap-2">
      {params.cursor ? (
        <Link href={traceListHref(slug, params)} className={link}>
          ← Newest
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={traceListHref(slug, params, nextCursor)} className={link} rel="next">
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
