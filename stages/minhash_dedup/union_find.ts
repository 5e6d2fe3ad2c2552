/**
 * Disjoint sets over 0..n-1: union by size with path halving, two Int32Arrays (8 bytes a node).
 * The nodes are the docs that occur in some duplicate pair, never the whole corpus.
 */
export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(readonly n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }

  get bytes(): number {
    return this.parent.byteLength + this.size.byteLength;
  }
}
