import { describe, expect, it } from "vitest";
import { keepPages, pagesFor, rowAt } from "./assetPages";

describe("asset pages", () => {
  it("lists the pages a range needs", () => {
    expect(pagesFor(0, 0)).toEqual([]);
    expect(pagesFor(0, 1)).toEqual([0]);
    expect(pagesFor(0, 200)).toEqual([0]);
    expect(pagesFor(190, 230)).toEqual([0, 1]);
    expect(pagesFor(99_990, 100_000)).toEqual([499]);
    expect(pagesFor(5, 26, 10)).toEqual([0, 1, 2]);
  });
  it("finds a row only when its page is loaded", () => {
    const pages = new Map([[1, ["a", "b", "c"]]]);
    expect(rowAt(pages, 10, 10)).toBe("a");
    expect(rowAt(pages, 12, 10)).toBe("c");
    expect(rowAt(pages, 13, 10)).toBeUndefined();
    expect(rowAt(pages, 0, 10)).toBeUndefined();
  });
  it("keeps only the pages still visible", () => {
    const pages = new Map([[0, ["x"]], [3, ["y"]], [4, ["z"]]]);
    expect([...keepPages(pages, 35, 45, 10).keys()]).toEqual([3, 4]);
  });
});
