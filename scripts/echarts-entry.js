// The part of ECharts the default theme draws with, and nothing else:
// line and bar charts, the target and "shared from" mark lines, a grid,
// legend, tooltip and the aria description and decal patterns, drawn as
// SVG. scripts/vendor-echarts.sh bundles it with esbuild into
// themes/default/assets/echarts.min.js, which sets window.echarts.
import * as echarts from "echarts/core";
import { LineChart, BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, MarkLineComponent, SVGRenderer]);
window.echarts = echarts;
