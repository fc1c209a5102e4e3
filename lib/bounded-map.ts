/**
 * A Map that holds at most `max` entries: setting a new key when it is full first drops the
 * oldest entry. The per-process memories of things that never change once written (published
 * criteria, a queue's rubric, decoded session cookies, dataset diffs) are kept in these.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
