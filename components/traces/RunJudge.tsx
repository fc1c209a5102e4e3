"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { TTraceJudge } from "@/lib/judge-versions/schemas";
import { runFromExplorerHref } from "@/lib/judge-runs/explorer-target";
import { SelectionTarget } from "./SelectionTarget";

interface Props {
  slug: string;
  judges: TTraceJudge[];
  selectedIds: string[];
  filter: Record<string, string>;
}

/**
 * Opens a judge version's run page with the checked traces, or every trace matching the filter,
 * as its target: the estimate and the spend cap come before anything is spent.
 */
export function RunJudge({ slug, judges, ...selection }: Props) {
  const router = useRouter();
  // A judge's name has no "@" (JUDGE_NAME), so the choice's value can carry the version after one.
  const targets = judges.map((j) => ({ id: `${j.name}@${j.version}`, name: `${j.name} v${j.version} (${j.criterionLabel})` }));
  return (
    <SelectionTarget
      noun="judge"
      targets={targets}
      {...selection}
      wording={{
        label: "Run a judge",
        selected: (count) => `Run on ${count} selected`,
        all: "Run on all matching",
        empty: (
          <>
            No judge can run on traces yet: publish one that answers a criterion of single traces on the{" "}
            <Link href={`/p/${slug}/judges`} className="text-indigo-700 hover:underline">
              Judges
            </Link>{" "}
            page.
          </>
        ),
      }}
      send={async (id, target) => {
        const [name, version] = id.split("@");
        router.push(runFromExplorerHref(slug, name, Number(version), target));
        return "Opening the run page…";
      }}
      onDone={() => undefined}
    />
  );
}
