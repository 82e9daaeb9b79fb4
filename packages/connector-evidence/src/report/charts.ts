// Charts as inline SVG, drawn here: the report must open with no network and no script.

import { esc } from './escape.js';
import type { Coverage } from './metrics.js';

const ROW = 26;
const LABEL = 220;
const BAR = 360;

/**
 * One stacked bar per connection: `yes` (good when `goodIsYes`), `no`, `unknown`, each labelled
 * with its count, with a title for screen readers.
 */
export function coverageChart(
  title: string,
  rows: readonly Coverage[],
  labels: { yes: string; no: string; unknown: string },
  goodIsYes = true,
): string {
  const height = rows.length * ROW + 34;
  const width = LABEL + BAR + 60;
  const colors = goodIsYes ? { yes: '#2e7d32', no: '#c62828' } : { yes: '#c62828', no: '#2e7d32' };
  const bars = rows
    .map((r, i) => {
      const total = r.yes + r.no + r.unknown || 1;
      const y = i * ROW + 4;
      let x = LABEL;
      const parts: string[] = [];
      for (const [k, color] of [
        ['yes', colors.yes],
        ['no', colors.no],
        ['unknown', '#9e9e9e'],
      ] as const) {
        const w = (r[k] / total) * BAR;
        if (w <= 0) continue;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${color}"><title>${esc(`${labels[k]}: ${r[k]}`)}</title></rect>`,
        );
        if (w > 18) {
          parts.push(
            `<text x="${(x + w / 2).toFixed(1)}" y="${y + ROW / 2 + 1}" fill="#fff" text-anchor="middle" font-size="12">${r[k]}</text>`,
          );
        }
        x += w;
      }
      const pct = r.yes + r.no > 0 ? Math.round((r.yes / (r.yes + r.no)) * 100) : 0;
      return `<text x="${LABEL - 8}" y="${y + ROW / 2 + 1}" text-anchor="end" font-size="12">${esc(r.connection)}</text>${parts.join('')}<text x="${LABEL + BAR + 6}" y="${y + ROW / 2 + 1}" font-size="12">${pct}%</text>`;
    })
    .join('');
  const legendY = rows.length * ROW + 22;
  const legend = [
    [labels.yes, colors.yes],
    [labels.no, colors.no],
    [labels.unknown, '#9e9e9e'],
  ]
    .map(
      ([text, color], i) =>
        `<rect x="${LABEL + i * 130}" y="${legendY - 10}" width="10" height="10" fill="${color}"/><text x="${LABEL + i * 130 + 14}" y="${legendY}" font-size="11">${esc(text)}</text>`,
    )
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" dominant-baseline="middle"><title>${esc(title)}</title>${bars}${legend}</svg>`;
}

/** A horizontal bar per label (most common first, at most `max`). */
export function barChart(
  title: string,
  rows: ReadonlyArray<{ label: string; count: number }>,
  max = 12,
): string {
  const shown = rows.slice(0, max);
  const top = Math.max(1, ...shown.map((r) => r.count));
  const height = shown.length * ROW + 8;
  const width = LABEL + BAR + 60;
  const bars = shown
    .map((r, i) => {
      const y = i * ROW + 4;
      const w = (r.count / top) * BAR;
      return `<text x="${LABEL - 8}" y="${y + ROW / 2 + 1}" text-anchor="end" font-size="12">${esc(r.label)}</text><rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="#1565c0"><title>${esc(`${r.label}: ${r.count}`)}</title></rect><text x="${(LABEL + w + 6).toFixed(1)}" y="${y + ROW / 2 + 1}" font-size="12">${r.count}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" dominant-baseline="middle"><title>${esc(title)}</title>${bars}</svg>`;
}
