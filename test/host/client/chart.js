// Stand-in for Chart.js as NodeBB's ACP ships it (`import { Chart, … } from 'chart.js'`, NodeBB's own
// copy, bundled by its webpack). The project does not install chart.js, so the sandbox does not serve
// the real one: this stand-in draws nothing and records what it was asked to draw on the canvas
// (`data-sandbox-chart`: type and series), so a browser test can see the chart was built from its table.
export class Chart {
  static register() {}

  constructor(ctx, config) {
    const canvas = ctx && ctx.canvas ? ctx.canvas : ctx;
    this.canvas = canvas;
    this.config = config;
    if (canvas && canvas.setAttribute) {
      canvas.setAttribute('data-sandbox-chart', `${config.type}: ${config.data.datasets.map((d) => `${d.label} (${d.data.length})`).join(', ')}`);
    }
  }

  update() {}

  destroy() {
    if (this.canvas && this.canvas.removeAttribute) this.canvas.removeAttribute('data-sandbox-chart');
  }
}
const part = () => ({});
export const BarController = part();
export const BarElement = part();
export const LineController = part();
export const LineElement = part();
export const PointElement = part();
export const CategoryScale = part();
export const LinearScale = part();
export const Tooltip = part();
export const Legend = part();
