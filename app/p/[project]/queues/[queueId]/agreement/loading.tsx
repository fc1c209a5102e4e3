export default function Loading() {
  return (
    <p className="text-sm text-slate-500" data-testid="agreement-loading">
      Computing agreement from the labels…
    </p>
  );
}
