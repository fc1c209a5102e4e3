import type { ReactNode } from "react";
import { PageRefused, type ProjectPage, pageContext } from "@/lib/http/page-context";
import { Forbidden } from "@/components/ui/Forbidden";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Every page under `/p/[project]` is built by this, as every API route is by lib/http/handler:
 * the caller is resolved (once per request, shared with the layout), and a `page.require(…)`
 * the role does not meet renders "Not available to your role" instead of the page.
 */
export function projectPage<P extends { project: string }, S extends SearchParams = SearchParams>(
  render: (page: ProjectPage, params: P, searchParams: S) => Promise<ReactNode>,
) {
  return async function ProjectPageRoute({ params, searchParams }: { params: Promise<P>; searchParams: Promise<S> }) {
    const resolved = await params;
    const page = await pageContext(resolved.project);
    try {
      return await render(page, resolved, await searchParams);
    } catch (error) {
      if (error instanceof PageRefused) return <Forbidden what={error.what} />;
      throw error;
    }
  };
}
