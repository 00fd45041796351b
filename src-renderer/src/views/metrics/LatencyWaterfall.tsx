import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { stagesOf, type TurnLatency } from '../../../../src-shared/latency';
import { useIsDark } from '../common/useResolvedTheme';
import { kindOf, stageKinds } from './stageColours';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

const ROW_PX = 26;

function colourOf(kind: string, dark: boolean): string {
  const found = stageKinds.find((each) => each.kind === kind)!;
  return dark ? found.dark : found.light;
}

/** The chart's option: one horizontal bar per turn, its stages stacked in time order, each coloured by kind. */
function optionFor(turns: readonly TurnLatency[], dark: boolean): echarts.EChartsCoreOption {
  const stages = turns.map((turn) => stagesOf(turn));
  const depth = Math.max(0, ...stages.map((each) => each.length));
  const text = dark ? '#9da1a8' : '#5f6670';
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 8, bottom: 28 },
    tooltip: {
      trigger: 'item',
      formatter: (params: { data: { tip: string } }) => params.data.tip,
    },
    xAxis: {
      type: 'value',
      name: 'ms after the user finished',
      nameLocation: 'middle',
      nameGap: 20,
      axisLabel: { color: text },
      nameTextStyle: { color: text },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: turns.map((turn) => `Turn ${turn.index}`),
      axisLabel: { color: text },
    },
    series: Array.from({ length: depth }, (_, position) => ({
      type: 'bar',
      stack: 'turn',
      barWidth: 14,
      data: stages.map((turnStages) => {
        const stage = turnStages[position];
        if (!stage) return { value: 0, tip: '' };
        const ms = Math.round(stage.endMs - stage.startMs);
        return {
          value: ms,
          itemStyle: { color: colourOf(kindOf(stage), dark) },
          tip: `${stage.label}: ${ms} ms${stage.governedBy ? `<br/>${stage.governedBy}` : ''}`,
        };
      }),
    })),
  };
}

/**
 * Per-turn latency as a waterfall (ECharts, canvas): each turn a bar of consecutive stages from the user
 * finishing to the response done. Hover a segment for its stage, duration and what governs it.
 */
export function LatencyWaterfall({ turns, description }: { turns: readonly TurnLatency[]; description: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  const dark = useIsDark();
  useEffect(() => {
    const target = element.current!;
    const instance = echarts.init(target, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resized = new ResizeObserver(() => instance.resize());
    resized.observe(target);
    return () => {
      resized.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    // The height follows the turns; the ResizeObserver above resizes the chart when it changes.
    chart.current?.setOption(optionFor(turns, dark), { notMerge: true, lazyUpdate: true });
  }, [turns, dark]);
  return (
    <div
      ref={element}
      className="waterfall"
      role="img"
      aria-label={description}
      data-testid="latency-waterfall"
      style={{ height: Math.max(80, turns.length * ROW_PX + 44) }}
    />
  );
}
