import Link from "next/link";

interface Props {
  /** Where the reader is, e.g. "3 of 240". */
  position: string;
  previousHref: string | null;
  nextHref: string | null;
  previousText?: string;
  nextText?: string;
  testId?: string;
}

const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50";

/** Previous and next links around the reader's place in an ordered list; an end has no link. */
export function Pager({ position, previousHref, nextHref, previousText = "← Previous", nextText = "Next →", testId }: Props) {
  return (
    <nav aria-label="Pages" className="flex items-center gap-2" data-testid={testId}>
      {previousHref ? (
        <Link href={previousHref} className={link} rel="prev">
          {previousText}
        </Link>
      ) : null}
      <span className="text-sm text-slate-600" data-testid={testId ? `${testId}-position` : undefined}>
        {position}
      </span>
      {nextHref ? (
        <Link href={nextHref} className={link} rel="next">
          {nextText}
        </Link>
      ) : null}
    </nav>
  );
}
