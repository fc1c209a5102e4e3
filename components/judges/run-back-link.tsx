import Link from "next/link";

/** The way back from a run's pages to the judge's runs. */
export function RunsBackLink({ project, name, judgeName }: { project: string; name: string; judgeName: string }) {
  return (
    <p className="text-sm">
      <Link className="text-indigo-700 hover:underline" href={`/p/${project}/judges/${name}/runs`}>
        Runs of {judgeName}
      </Link>
    </p>
  );
}
