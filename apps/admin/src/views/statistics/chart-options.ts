import type { EChartsCoreOption } from 'echarts/core';

export type Slice = { name: string; value: number };

/** Horizontal bars, largest first from the top, with the count at each bar's end. */
export function barOption(rows: Slice[], seriesName: string): EChartsCoreOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisTick: { show: false }, axisLabel: { width: 180, overflow: 'truncate' } },
    series: [{ type: 'bar', name: seriesName, data: ordered.map((r) => r.value), barMaxWidth: 18, itemStyle: { borderRadius: [0, 3, 3, 0] }, label: { show: true, position: 'right', fontSize: 11 } }],
  };
}

/** A ring with the counts in the legend, where long category names have room. */
export function ringOption(rows: Slice[], seriesName: string, isEnglish: boolean): EChartsCoreOption {
  const countOf = new Map(rows.map((r) => [r.name, r.value]));
  return {
    tooltip: { trigger: 'item', formatter: isEnglish ? '{b}: {c} ({d}%)' : '{b}：{c}（{d}%）' },
    legend: {
      type: 'scroll', orient: 'vertical', left: '52%', top: 'middle', itemWidth: 12, itemHeight: 12,
      formatter: (name: string) => `${name}  ${countOf.get(name) ?? ''}`,
      textStyle: { fontSize: 12, width: 200, overflow: 'truncate' }, tooltip: { show: true },
    },
    series: [{ type: 'pie', name: seriesName, radius: ['45%', '75%'], center: ['26%', '50%'], label: { show: false }, data: rows }],
  };
}

/** Stacked bars: one per review round, split by assignment status. */
export function progressOption(rounds: string[], statuses: Array<{ name: string; values: number[] }>): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rounds },
    series: statuses.map((s) => ({ type: 'bar', stack: 'total', name: s.name, data: s.values, barMaxWidth: 28, label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } })),
  };
}
