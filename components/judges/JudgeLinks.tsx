import Link from "next/link";

const LINKS = [
  { href: "runs/new", label: "Run" },
  { href: "runs", label: "Runs" },
  { href: "agreement", label: "Compare with people" },
  { href: "examples", label: "Calibration set" },
];

/**
 * Where a judge's runs, its comparison with people and its calibration set live. Not
 * prefetched: each is a heavy page of its own, read only when opened.
 */
export function JudgeLinks({ base, canRun }: { base: string; canRun: boolean }) {
  return (
    <nav aria-label="Judge" className="flex gap-4 text-sm">
      {LINKS.filter((l) => canRun || l.href !== "runs/new").map((l) => (
        <Link key={l.href} href={`${base}/${l.href}`} prefetch={false} className="font-medium text-indigo-700 hover:underline">
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
