namespace ContainerSecurity.Engine.Reports;

/// <summary>The inline stylesheet of the HTML cheat sheet: a readable page on screen and a tidy printout.</summary>
internal static class HtmlCheatSheetStyle
{
    public const string Css = """
        :root { --ink:#111827; --muted:#4b5563; --line:#e5e7eb; --card:#f9fafb; --accent:#1d4ed8; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; }
        header.sheet { border-bottom: 3px solid var(--accent); margin-bottom: 8px; }
        h1 { font-size: 28px; margin: 8px 0 4px; }
        h2 { font-size: 22px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        h3 { font-size: 18px; margin: 28px 0 8px; color: var(--accent); }
        h4 { font-size: 16px; margin: 20px 0 6px; }
        h4 small { font-weight: 400; color: var(--muted); }
        p { margin: 6px 0; }
        a { color: var(--accent); }
        code { font: 13px/1.4 ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; background: #eef2ff; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: #0f172a; color: #e2e8f0; padding: 10px 12px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        pre code { background: none; color: inherit; padding: 0; }
        .meta { color: var(--muted); }
        nav.toc ol { margin: 8px 0; padding-left: 22px; }
        .threat { background: var(--card); border: 1px solid var(--line); border-left: 5px solid #9ca3af; border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
        .threat.sev-critical { border-left-color: #991b1b; } .threat.sev-high { border-left-color: #dc2626; }
        .threat.sev-medium { border-left-color: #f59e0b; } .threat.sev-low { border-left-color: #3b82f6; } .threat.sev-info { border-left-color: #93c5fd; }
        .threat h4 { margin-top: 2px; }
        .tags { font-size: 13px; color: var(--muted); }
        .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; margin-right: 4px; }
        .badge.critical { color: #991b1b; } .badge.high { color: #b91c1c; } .badge.medium { color: #92400e; } .badge.low { color: #1d4ed8; } .badge.info { color: #475569; }
        .badge.manual { color: #6d28d9; } .badge.automated { color: #047857; }
        .refs { font-size: 13px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
        th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: #f3f4f6; white-space: nowrap; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.fail { color: #b91c1c; font-weight: 700; }
        ul.targets { margin: 0; padding-left: 16px; }
        ul.targets li, td.wide { overflow-wrap: anywhere; }
        td.wide { min-width: 16em; }
        .matrix-wrap { overflow-x: auto; margin: 8px 0 16px; }
        svg.matrix { max-width: 100%; height: auto; }
        .summary { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0; }
        .summary div { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
        .summary b { display: block; font-size: 22px; }
        .checklist li { list-style: none; } .checklist li::before { content: "☐ "; }
        @media print {
          @page { size: A4; margin: 14mm 12mm; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          h2 { break-before: page; font-size: 16pt; }
          h2.first { break-before: auto; }
          h3, h4 { break-after: avoid; }
          .threat, tr, pre, .matrix-wrap, figure { break-inside: avoid; }
          .threat { background: none; }
          pre { background: #f3f4f6; color: #111827; border: 1px solid #d1d5db; }
          nav.toc { display: none; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
