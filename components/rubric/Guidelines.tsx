import Markdown from "react-markdown";

// Guidelines are markdown written by admins and shown to every expert. Raw HTML in them is
// never rendered (react-markdown drops it without rehype-raw) and link targets pass
// react-markdown's URL filter, so a guideline cannot carry script.
export function Guidelines({ markdown }: { markdown: string }) {
  if (!markdown.trim()) return <p className="text-sm text-slate-500">No guidelines.</p>;
  return (
    <div className="guidelines space-y-2 text-sm leading-6 text-slate-800 [&_a]:text-indigo-700 [&_a]:underline [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} rel="noopener noreferrer nofollow" target="_blank">
              {children}
            </a>
          ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
        }}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
