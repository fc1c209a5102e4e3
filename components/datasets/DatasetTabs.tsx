import Link from "next/link";

export type DatasetTab = "items" | "versions" | "download";

const TABS: { tab: DatasetTab; label: string }[] = [
  { tab: "items", label: "Items" },
  { tab: "versions", label: "Versions" },
  { tab: "download", label: "Download" },
];

/** The dataset page's sections, as links (so each has its own address), and the compare page. */
export function DatasetTabs({ base, current, canDownload }: { base: string; current: DatasetTab; canDownload: boolean }) {
  return (
    <nav aria-label="Dataset" className="flex gap-4 border-b border-slate-200 text-sm">
      {TABS.filter((t) => canDownload || t.tab !== "download").map((t) => (
        <Link
          key={t.tab}
          href={t.tab === "items" ? base : `${base}?tab=${t.tab}`}
          aria-current={t.tab === current ? "page" : undefined}
          className={`-mb-px border-b-2 py-2 ${t.tab === current ? "border-indigo-500 font-semibold text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {t.label}
        </Link>
      ))}
      <Link href={`${base}/compare`} className="-mb-px border-b-2 border-transparent py-2 text-slate-600 hover:text-slate-900">
        Compare versions
      </Link>
    </nav>
  );
}
