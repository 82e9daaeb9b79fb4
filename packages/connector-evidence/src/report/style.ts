/** The report's whole stylesheet, inlined: nothing is fetched. */
export const REPORT_CSS = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c1c1c}
body{margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}h2{margin-top:2rem;border-bottom:2px solid #e0e0e0;padding-bottom:4px}
.meta{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:8px 0}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f5f5f5}tr:target{background:#fff59d}
.sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:.8rem}
.sev-critical{background:#7b1fa2}.sev-high{background:#c62828}.sev-medium{background:#ef6c00}
.sev-low{background:#1565c0}.sev-informational{background:#616161}
.ok{color:#2e7d32}.bad{color:#c62828}.muted{color:#777}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{border:1px solid #e0e0e0;padding:8px;border-radius:6px}
.chart h3{margin:0 0 6px;font-size:1rem}
table.facts th{width:160px}code{font-size:.85em;background:#f5f5f5;padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
#thresholds-table td:last-child{width:190px}
.status{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;font-size:.8rem;font-weight:600}
.status-pass{background:#2e7d32}.status-fail{background:#c62828}.status-none{background:#757575}
.score{font-weight:600;margin-left:6px}svg{max-width:100%;height:auto;font-family:inherit}
`;
