/** The nesting of areas (city → wards → districts): where a place's counts add up to. */

export type AreaNode = { code: string; parentCode: string | null };

export type AreaTree = {
  /** The area and every area above it, nearest first; empty for a code that is not an area. */
  ancestorsOf(code: string | null): string[];
  /** The areas directly inside one. */
  childrenOf(code: string): string[];
};

export function areaTree(areas: readonly AreaNode[]): AreaTree {
  const parents = new Map(areas.map((area) => [area.code, area.parentCode]));
  const children = new Map<string, string[]>();
  for (const area of areas) {
    if (area.parentCode !== null && parents.has(area.parentCode))
      children.set(area.parentCode, [...(children.get(area.parentCode) ?? []), area.code]);
  }
  return {
    ancestorsOf(code) {
      const chain: string[] = [];
      for (let current = code; current !== null && parents.has(current) && !chain.includes(current);) {
        chain.push(current);
        current = parents.get(current) ?? null;
      }
      return chain;
    },
    childrenOf: (code) => children.get(code) ?? [],
  };
}
