/**
 * ECharts with only what the dashboard draws (bars and pies on a canvas):
 * about half the size of the whole library, and loaded only with the
 * dashboard's chunk.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// The core component without the whole of ECharts; its ESM build (lib/core is CommonJS, whose default export a bundler may wrap).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export function Chart({ option, label }: { option: EChartsOption; label: string }) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore echarts={echarts} option={option} className="chart" notMerge lazyUpdate />
    </div>
  );
}
