/** Where a dragged card lands: the card whose box is nearest the pointer, along the strip's reading order. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * The index the item dragged from `from` should move to, for a pointer at (x, y) over cards laid out in `boxes`
 * (in order; rows may wrap). The nearest card by centre wins; `from` when there are no cards.
 */
export function reorderTarget(boxes: readonly Box[], x: number, y: number, from: number): number {
  let best = from;
  let bestD = Infinity;
  boxes.forEach((b, i) => {
    const cx = (b.left + b.right) / 2;
    const cy = (b.top + b.bottom) / 2;
    // Rows count more than columns: a pointer within a row's height stays in that row.
    const inRow = y >= b.top && y <= b.bottom;
    const d = Math.abs(x - cx) + (inRow ? 0 : Math.abs(y - cy) * 4);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
