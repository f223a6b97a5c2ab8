/** The report's only stylesheet, inlined (no fonts, images or network). */
export const REPORT_CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1040px;color:#1d232b;padding:0 16px}
h1{font-size:1.5rem;margin-bottom:4px}h2{font-size:1.15rem;margin-top:32px;border-bottom:1px solid #d8dde3;padding-bottom:4px}
.meta{color:#5b6570;font-size:.9rem}
.advice{border-left:6px solid #1f6fb4;background:#f3f7fb;padding:12px 16px;margin:16px 0}
.advice.migrate{border-color:#2a9d5b;background:#eff8f2}.advice.hybrid{border-color:#e08a00;background:#fdf6ea}.advice.inconclusive,.advice.none{border-color:#888;background:#f4f4f4}
.advice p.headline{font-weight:600;font-size:1.05rem;margin:0 0 8px}
.warning{background:#fdecea;border:1px solid #f5c2bd;padding:8px 12px}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:8px 0}
th,td{border:1px solid #d8dde3;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f1f3f5}
table.cost td:nth-child(5){color:#5b6570;font-size:.75rem}
figure.chart-box{margin:16px 0;padding:0}figcaption{font-weight:600;margin-bottom:4px}
svg.chart{max-width:100%;height:auto;font-size:11px;font-family:inherit;background:#fff}
svg.chart .grid{stroke:#eceff2}svg.chart .frame{fill:none;stroke:#aab2bb}
svg.chart text{fill:#3a434d}svg.chart .axis-label{font-size:12px}
svg.chart .band{opacity:.9}svg.chart .band-label{font-size:10px;fill:#6b7580}
svg.chart .marker circle{fill:#fff;stroke:#1d232b;stroke-width:2}svg.chart .marker text{font-weight:600}
p.no-data{border:1px dashed #aab2bb;padding:24px;text-align:center;color:#5b6570}
`;
