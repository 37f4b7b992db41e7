// Sorting the rows of a list screen by a column the user clicks (suppliers, incidents, certifications): one order for
// every list — numbers inside ids and text by value (SUP-2 before SUP-10), empty values last either way.

export type SortState<K extends string> = { key: K; descending: boolean };

/** The state after a click on `key`'s header: the same column turns the order round, another starts ascending. */
export function toggleSort<K extends string>(s: SortState<K>, key: K): SortState<K> {
  return s.key === key ? { key, descending: !s.descending } : { key, descending: false };
}

const collator = new Intl.Collator("ja", { numeric: true, sensitivity: "base" });

/** Two cell values in order: numbers by value, text with the numbers inside it by value; null, undefined and "" last. */
export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const emptyA = a === null || a === undefined || a === "", emptyB = b === null || b === undefined || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows in the order the state asks for (a new array; ties keep their order); empty values stay last. */
export function sortRows<T, K extends string>(
  rows: readonly T[], s: SortState<K>, value: (row: T, key: K) => string | number | null | undefined,
): T[] {
  return rows
    .map((row, i) => ({ row, i, v: value(row, s.key) }))
    .sort((x, y) => {
      const emptyX = x.v === null || x.v === undefined || x.v === "", emptyY = y.v === null || y.v === undefined || y.v === "";
      const c = emptyX || emptyY ? compareValues(x.v, y.v) : (s.descending ? -1 : 1) * compareValues(x.v, y.v);
      return c !== 0 ? c : x.i - y.i;
    })
    .map((x) => x.row);
}
