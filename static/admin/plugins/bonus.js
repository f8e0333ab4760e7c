// Client module `admin/plugins/bonus`: the ACP home — the economy's dashboard (issue 21).
// Every chart is drawn from its table (the page sends the tables, never a second copy of the data);
// every table exports as CSV. Chart.js is NodeBB's own copy (its ACP dashboard imports it the same way).
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend,
} from 'chart.js';
import { confirmAction } from 'bonus-confirm';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLOURS = ['#2f7ed8', '#d9534f', '#8bbc21', '#f0ad4e', '#910000', '#1aadce'];
const charts = [];

function cellText(cell) {
  return (cell.textContent || '').trim();
}

/** A table's header and rows as text (what the CSV holds and the chart reads). */
function tableData(table) {
  const header = Array.from(table.querySelectorAll('thead th')).map(cellText);
  const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map(cellText));
  return { header, rows };
}

function csvCell(value) {
  const s = String(value);
  // a leading =, +, - or @ would be a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+$/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function exportCsv(tableId) {
  const table = document.getElementById(tableId);
  if (!table) return;
  const { header, rows } = tableData(table);
  const text = [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
  const blob = new Blob([`\ufeff${text}\r\n`], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${tableId}.csv`;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
}

function drawChart(canvas) {
  const table = document.getElementById(canvas.dataset.table);
  if (!table) return;
  const ths = Array.from(table.querySelectorAll('thead th'));
  const labelColumn = Math.max(0, ths.findIndex((th) => th.hasAttribute('data-label')));
  const { rows } = tableData(table);
  const datasets = [];
  ths.forEach((th, i) => {
    if (!th.hasAttribute('data-series')) return;
    const colour = COLOURS[datasets.length % COLOURS.length];
    datasets.push({
      label: cellText(th),
      data: rows.map((r) => Number(r[i]) || 0),
      borderColor: colour,
      backgroundColor: colour,
      borderDash: th.hasAttribute('data-dashed') ? [4, 4] : undefined,
      pointRadius: 0,
      tension: 0.2,
    });
  });
  charts.push(new Chart(canvas.getContext('2d'), {
    type: canvas.dataset.bonusChart === 'bar' ? 'bar' : 'line',
    data: { labels: rows.map((r) => r[labelColumn]), datasets },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
  }));
}

async function say(token) {
  return translator.translate(token);
}

async function rebuild(repair, button) {
  if (repair && !(await confirmAction('[[bonus:economy.rebuild-confirm]]'))) return;
  button.disabled = true;
  try {
    const r = await api.post('/plugins/bonus/economy/rebuild', { repair });
    const differences = r.programmes.reduce((n, p) => n + p.differenceCount, 0);
    if (r.programmes.some((p) => p.busy)) alerts.error(await say('[[bonus:economy.rebuild-busy]]'));
    else if (repair && differences > 0) alerts.success(await say('[[bonus:economy.rebuild-done]]'));
    else if (r.agree) alerts.success(await say('[[bonus:economy.check-agree]]'));
    else alerts.error(await say(`[[bonus:economy.check-differ, ${differences}]]`));
    if (typeof ajaxify !== 'undefined' && ajaxify.refresh) ajaxify.refresh();
    else location.reload();
  } catch (err) {
    alerts.error(err);
    button.disabled = false;
  }
}

export function init() {
  while (charts.length) charts.pop().destroy();
  document.querySelectorAll('[data-bonus-page="admin-home"] canvas[data-bonus-chart]').forEach(drawChart);
  document.querySelectorAll('[data-bonus-page="admin-home"] [data-bonus-csv]').forEach((button) => {
    button.addEventListener('click', () => exportCsv(button.dataset.bonusCsv));
  });
  const check = document.querySelector('[data-bonus="economy-check"]');
  if (check) check.addEventListener('click', () => rebuild(false, check));
  const repair = document.querySelector('[data-bonus="economy-rebuild"]');
  if (repair) repair.addEventListener('click', () => rebuild(true, repair));
}
