// The asset table reads the inventory a page at a time: which pages a visible range needs, and the row at an index.
export const PAGE = 200;

/** The page numbers holding rows `first` (inclusive) to `last` (exclusive). */
export function pagesFor(first: number, last: number, page = PAGE): number[] {
  if (last <= first) return [];
  const out: number[] = [];
  for (let p = Math.floor(first / page); p <= Math.floor((last - 1) / page); p++) out.push(p);
  return out;
}

/** The row at `index`, if its page has been loaded. */
export function rowAt<T>(pages: Map<number, T[]>, index: number, page = PAGE): T | undefined {
  return pages.get(Math.floor(index / page))?.[index % page];
}

/** The pages worth keeping after a change: those the visible range still needs. */
export function keepPages<T>(pages: Map<number, T[]>, first: number, last: number, page = PAGE): Map<number, T[]> {
  const needed = new Set(pagesFor(first, last, page));
  return new Map([...pages].filter(([p]) => needed.has(p)));
}
