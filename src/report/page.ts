import { esc } from './html.ts';

const CSS = `
:root{--fg:#1d2330;--muted:#5f6673;--line:#e3e6eb;--bg:#fff;--soft:#f6f7f9;--good:#2e7d32;--bad:#c62828}
*{box-sizing:border-box}
[id]{scroll-margin-top:44px}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
main{max-width:1180px;margin:0 auto;padding:0 20px 60px}
nav{position:sticky;top:0;z-index:2;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);padding:8px 20px;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px}
nav a{color:var(--muted);text-decoration:none}nav a:hover{color:var(--fg);text-decoration:underline}
h1{font-size:26px;margin:22px 0 10px}h2{font-size:20px;margin:36px 0 8px;padding-top:8px;border-top:2px solid var(--fg)}
h3{font-size:15px;margin:22px 0 6px}h4{font-size:13px;margin:16px 0 4px;color:var(--muted)}
.status{font-size:13px;vertical-align:middle;padding:2px 8px;border-radius:10px;color:#fff;background:var(--bad)}
.status-complete{background:var(--good)}
.banner{background:#fdecea;border:1px solid #f5c2c0;border-left:6px solid var(--bad);padding:10px 14px;margin:10px 0;border-radius:4px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:4px 20px;margin:10px 0}
.facts div{display:flex;gap:8px;border-bottom:1px dotted var(--line);padding:2px 0}.facts dt{color:var(--muted);min-width:100px}.facts dd{margin:0;overflow-wrap:anywhere}
.intro,.note{color:var(--muted)}.note{font-size:12px;margin:4px 0}
.empty{background:var(--soft);border:1px dashed #cfd3da;padding:10px 14px;border-radius:4px;color:var(--muted);margin:8px 0}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:8px 0;font-size:13px;width:auto}
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:var(--soft);font-weight:600;position:sticky;top:0}
table.num td,table.num th{text-align:right}table.num td:first-child,table.num th:first-child{text-align:left}
table.l2 td:nth-child(2),table.l2 th:nth-child(2),table.l3 td:nth-child(-n+3),table.l3 th:nth-child(-n+3){text-align:left}
table.sortable th{cursor:pointer}table.sortable th[data-sort=asc]::after{content:" ▲"}table.sortable th[data-sort=desc]::after{content:" ▼"}
.scroll{max-height:460px;overflow:auto;border:1px solid var(--line)}
.scroll table{margin:0}
.good{color:var(--good);font-weight:600}.bad{color:var(--bad);font-weight:600}
.sev-critical,.sev-error{color:var(--bad);font-weight:600}.sev-warning{color:#b26a00;font-weight:600}
figure.chart{margin:14px 0;position:relative}
.hover-line{position:absolute;width:0;border-left:1px dashed #888;pointer-events:none}
.hover-date{position:absolute;font-size:11px;background:#1d2330;color:#fff;padding:1px 5px;border-radius:3px;pointer-events:none;white-space:nowrap;transform:translateX(-50%)}figure.chart svg{width:100%;height:auto;display:block}
.chart-empty h3{margin-bottom:2px}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:16px}@media (max-width:800px){.pair{grid-template-columns:1fr}}
.controls{display:flex;flex-wrap:wrap;align-items:center;gap:8px 18px;margin:8px 0}
select,input{font:inherit;padding:3px 6px}
.symbol-panel{border-top:1px solid var(--line);margin-top:10px}
.symbol-title small{font-weight:normal;color:var(--muted);margin-left:8px}
.facts-line{font-size:13px;color:var(--muted)}
.swatches{font-size:12px;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 14px;margin:6px 0}
.swatches i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-2px}
footer{color:var(--muted);font-size:12px;margin-top:40px;border-top:1px solid var(--line);padding-top:10px}
code{background:var(--soft);padding:1px 4px;border-radius:3px}
`;

/** Inline behaviour: pickers that show one panel of a group, table filters, sortable columns, the date under the pointer on time charts. */
const JS = `
(function(){
var $$=function(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s));};
function show(group,key){$$('[data-group="'+group+'"]').forEach(function(el){el.hidden=el.getAttribute('data-key')!==key;});}
$$('select[data-show]').forEach(function(sel){sel.addEventListener('change',function(){show(sel.getAttribute('data-show'),sel.value);});});
function pick(sym){var p=document.getElementById('symbol-picker');if(p&&sym){p.value=sym;show('symbol',sym);}}
$$('a[data-symbol]').forEach(function(a){a.addEventListener('click',function(){pick(a.getAttribute('data-symbol'));});});
$$('input[data-filter]').forEach(function(inp){inp.addEventListener('input',function(){var q=inp.value.trim().toLowerCase();
$$('[data-group="'+inp.getAttribute('data-filter')+'"] tbody tr').forEach(function(tr){tr.hidden=q!==''&&tr.cells[0].textContent.toLowerCase().indexOf(q)<0;});});});
function val(td){var t=td.textContent.trim();if(/^\\d{4}-\\d\\d-\\d\\d/.test(t))return Date.parse(t);var n=parseFloat(t.replace(/[%,]/g,'').replace(/^v/,''));return isNaN(n)?t:n;}
$$('table.sortable').forEach(function(table){$$('th',table).forEach(function(th,i){th.addEventListener('click',function(){
var asc=th.getAttribute('data-sort')!=='asc';$$('th',table).forEach(function(h){h.removeAttribute('data-sort');});th.setAttribute('data-sort',asc?'asc':'desc');
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){var x=val(a.cells[i]),y=val(b.cells[i]);
var c=typeof x==='number'&&typeof y==='number'?x-y:typeof x==='number'?-1:typeof y==='number'?1:String(x).localeCompare(String(y));return asc?c:-c;});
rows.forEach(function(r){body.appendChild(r);});});});});
$$('figure[data-t0]').forEach(function(f){var svg=f.querySelector('svg');if(!svg)return;
var t0=+f.getAttribute('data-t0'),t1=+f.getAttribute('data-t1'),x0=+f.getAttribute('data-x0'),x1=+f.getAttribute('data-x1');
var line=document.createElement('div'),tip=document.createElement('div');line.className='hover-line';tip.className='hover-date';line.hidden=tip.hidden=true;f.appendChild(line);f.appendChild(tip);
svg.addEventListener('mouseleave',function(){line.hidden=tip.hidden=true;});
svg.addEventListener('mousemove',function(e){var r=svg.getBoundingClientRect(),k=r.width/svg.viewBox.baseVal.width,x=(e.clientX-r.left)/k;
if(x<x0||x>x1){line.hidden=tip.hidden=true;return;}var d=new Date(t0+(x-x0)/(x1-x0)*(t1-t0)).toISOString();
tip.textContent=t1-t0>30*864e5?d.slice(0,10):d.slice(0,16).replace('T',' ');var left=(r.left-f.getBoundingClientRect().left+x*k)+'px';
line.style.left=tip.style.left=left;line.style.top=(svg.getBoundingClientRect().top-f.getBoundingClientRect().top)+'px';line.style.height=r.height+'px';tip.style.top=(r.top-f.getBoundingClientRect().top+r.height-18)+'px';line.hidden=tip.hidden=false;});});
var h=decodeURIComponent(location.hash.slice(1));if(h.indexOf('sym-')===0)pick(h.slice(4));
})();
`;

/**
 * A self-contained HTML page: styles and the few lines of script inlined, no network at view
 * time, a sticky table of contents.
 *
 * @param o.nav section anchors and labels for the table of contents.
 */
export function renderPage(o: {
  title: string;
  nav: readonly (readonly [string, string])[];
  body: string;
  footer: string;
}): string {
  const nav = o.nav.map(([id, label]) => `<a href="#${esc(id)}">${esc(label)}</a>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)}</title>
<style>${CSS}</style>
</head><body>
<nav>${nav}</nav>
<main>
${o.body}
<footer>${o.footer}</footer>
</main>
<script>${JS}</script>
</body></html>
`;
}
