export function Forbidden({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-xl font-semibold text-slate-900">Not available to your role</h1>
      <p className="mt-2 text-slate-600">Your role in this project does not include {what}. Ask a project admin if you need it.</p>
    </div>
  );
}
