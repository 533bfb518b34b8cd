// A small stacked bar chart in plain SVG (no chart library): one bar per day, a few gridlines,
// the total above each bar, a legend. Renders on the server.
import { formatUtcDay } from "@/lib/format";

export interface BarSeries {
  key: string;
  label: string;
  /** A CSS colour for the SVG fill. */
  color: string;
}

export interface BarChartProps {
  title: string;
  series: BarSeries[];
  /** One entry per bar, oldest first: `day` is YYYY-MM-DD, values keyed by series key. */
  data: ({ day: string } & Record<string, number | string>)[];
}

const W = 640;
const H = 220;
const PAD = { top: 18, right: 8, bottom: 30, left: 34 };

/** The smallest "nice" axis maximum (1, 2, 5 × 10ⁿ) at or above the largest value. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const pow = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * pow >= value) ?? 10;
  return step * pow;
}

export function BarChart({ title, series, data }: BarChartProps) {
  const totals = data.map((d) => series.reduce((sum, s) => sum + Number(d[s.key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, data.length);
  const barW = Math.min(28, slot * 0.62);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const sum = totals.reduce((a, b) => a + b, 0);

  return (
    <figure className="m-0">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-semibold text-slate-900">{title}</span>
        <span className="flex items-center gap-3 text-xs text-slate-600">
          {series.map((s) => (
            <span key={s.key} className="flex items-center gap-1.5">
              <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: s.color }} />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full"
        role="img"
        aria-label={`${title}: ${sum} over ${data.length} days`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#94a3b8" : "#e2e8f0"} strokeWidth={1} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill="#64748b">
              {t}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const cx = PAD.left + slot * i + slot / 2;
          let base = 0;
          const isToday = i === data.length - 1;
          return (
            <g key={d.day}>
              <title>{`${formatUtcDay(d.day)}: ${series.map((s) => `${s.label} ${d[s.key]}`).join(", ")}`}</title>
              {series.map((s) => {
                const v = Number(d[s.key] ?? 0);
                const top = y(base + v);
                const h = y(base) - top;
                base += v;
                return v > 0 ? <rect key={s.key} x={cx - barW / 2} y={top} width={barW} height={h} rx={2} fill={s.color} /> : null;
              })}
              {totals[i] > 0 && (
                <text x={cx} y={y(totals[i]) - 5} textAnchor="middle" fontSize={11} fontWeight={600} fill="#334155">
                  {totals[i]}
                </text>
              )}
              {(data.length - 1 - i) % 2 === 0 && (
                <text x={cx} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill={isToday ? "#0f172a" : "#64748b"} fontWeight={isToday ? 600 : 400}>
                  {isToday ? "Today" : formatUtcDay(d.day)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
