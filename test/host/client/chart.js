// Stand-in for Chart.js as NodeBB's ACP ships it (`import { Chart, … } from 'chart.js'`, NodeBB's own
// copy, bundled by its webpack). The project does not install chart.js, so the sandbox does not serve
// the real one: this stand-in draws a plain sketch (lines or bars, no axes' labels or legend) and
// records what it was asked to draw on the canvas (`data-sandbox-chart`: type and series), so a
// browser test can see the chart was built from its table.
function sketch(canvas, config) {
  const ctx = canvas.getContext && canvas.getContext('2d');
  if (!ctx) return;
  const box = canvas.parentElement ? canvas.parentElement.getBoundingClientRect() : { width: 300, height: 150 };
  canvas.width = Math.max(1, Math.floor(box.width));
  canvas.height = Math.max(1, Math.floor(box.height));
  const { labels, datasets } = config.data;
  const max = Math.max(1, ...datasets.flatMap((d) => d.data));
  const pad = 8;
  const w = canvas.width - 2 * pad;
  const h = canvas.height - 2 * pad;
  ctx.strokeStyle = '#ccc';
  ctx.beginPath(); ctx.moveTo(pad, pad + h); ctx.lineTo(pad + w, pad + h); ctx.stroke();
  const n = Math.max(1, labels.length);
  datasets.forEach((d, j) => {
    ctx.strokeStyle = d.borderColor; ctx.fillStyle = d.backgroundColor;
    ctx.setLineDash(d.borderDash || []);
    if (config.type === 'bar') {
      const slot = w / n;
      const bw = (slot * 0.8) / datasets.length;
      d.data.forEach((v, i) => ctx.fillRect(pad + i * slot + slot * 0.1 + j * bw, pad + h - (v / max) * h, bw, (v / max) * h));
    } else {
      ctx.beginPath();
      d.data.forEach((v, i) => { const x = pad + (n === 1 ? w / 2 : (i * w) / (n - 1)); const y = pad + h - (v / max) * h; if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
      ctx.stroke();
    }
  });
  ctx.setLineDash([]);
}
export class Chart {
  static register() {}

  constructor(ctx, config) {
    const canvas = ctx && ctx.canvas ? ctx.canvas : ctx;
    this.canvas = canvas;
    this.config = config;
    if (canvas && canvas.setAttribute) {
      canvas.setAttribute('data-sandbox-chart', `${config.type}: ${config.data.datasets.map((d) => `${d.label} (${d.data.length})`).join(', ')}`);
      sketch(canvas, config);
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
