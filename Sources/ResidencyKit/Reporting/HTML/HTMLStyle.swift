import Foundation

/// The report's one stylesheet and the Content-Security-Policy that admits exactly it.
///
/// The file makes no request of any kind (`default-src 'none'`), runs no script, and
/// applies only the inline stylesheet whose SHA-256 the policy names: a `style` attribute
/// or a second `<style>` smuggled in through a name would be ignored by the browser even if
/// escaping ever failed. The chart is SVG with presentation attributes, which CSP allows.
enum HTMLStyle {
    /// `default-src 'none'; style-src 'sha256-…'; img-src data:` plus `base-uri` and
    /// `form-action`, which `default-src` does not cover.
    static func contentSecurityPolicy(_ stylesheet: String) -> String {
        "default-src 'none'; style-src '\(hash(stylesheet))'; img-src data:; base-uri 'none'; form-action 'none'"
    }

    /// `sha256-<base64>` of a stylesheet's UTF-8 bytes, as CSP source expressions spell it.
    static func hash(_ stylesheet: String) -> String {
        "sha256-" + Data(SHA256.digest(Array(stylesheet.utf8))).base64EncodedString()
    }

    /// The report's stylesheet: `css`, and the printed pages' running header and page numbers
    /// (CSS page margin boxes). The header text is the report's own (title, audit date, a
    /// workspace's slug, the result document's digest): a slug is any text an export holds, so
    /// what could end the CSS string (`"`, `\\`) or the `<style>` element (`</style`, which the
    /// HTML parser ends the element at wherever it stands) is written as a CSS escape, and
    /// control characters are left out.
    static func stylesheet(header: String) -> String {
        var safe = ""
        for s in header.unicodeScalars where s.value >= 0x20 && s.value != 0x7F {
            switch s {
            case "\"", "\\", "<", ">", "&": safe += "\\" + String(s.value, radix: 16) + " "
            default: safe.unicodeScalars.append(s)
            }
        }
        return css
            + "@page{@top-left{content:\"\(safe)\";font-size:8pt;color:#555}"
            + "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:8pt;color:#555}}\n"
    }

    /// Outcome colours are an aid only: every status is also written in words.
    static let css = """
        :root{--ink:#1a1a1a;--muted:#555;--rule:#c8c8c8;--band:#f3f4f6;--pass:#1b5e20;--fail:#b71c1c;\
        --undecided:#6a1b9a;--na:#616161;--permitted:#0d47a1;--waived:#8d4b00}
        *{box-sizing:border-box}
        html{color:var(--ink);background:#fff}
        body{font:15px/1.45 "DejaVu Sans","Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1400px;padding:24px}
        h1{font-size:26px;margin:0 0 4px}
        h2{font-size:21px;margin:40px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
        h3{font-size:17px;margin:28px 0 8px}
        h4{font-size:15px;margin:0 0 6px}
        p{margin:6px 0}
        a{color:#0b4f9c}
        code,.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:0.92em}
        td,th,p,li,dd,h3,h4,caption{overflow-wrap:anywhere}
        .hash{word-break:break-all}
        .kicker{color:var(--muted);margin:0;text-transform:uppercase;letter-spacing:.06em;font-size:12px}
        .verdict{border:4px solid var(--ink);padding:16px 20px;margin:16px 0;background:var(--band)}
        .verdict-word{font-size:40px;font-weight:800;letter-spacing:.03em;margin:0}
        .verdict.compliant{border-color:var(--pass)}
        .verdict.compliant .verdict-word{color:var(--pass)}
        .verdict.warnings{border-color:var(--warn,#8a6d00)}
        .verdict.warnings .verdict-word{color:var(--warn,#8a6d00)}
        .verdict.not-compliant{border-color:var(--fail)}
        .verdict.not-compliant .verdict-word{color:var(--fail)}
        nav ul{columns:2;margin:8px 0}
        table{border-collapse:collapse;width:100%;margin:10px 0 18px;font-size:13.5px}
        caption{text-align:left;font-weight:700;padding:4px 0;caption-side:top}
        th,td{border:1px solid var(--rule);padding:5px 7px;text-align:left;vertical-align:top}
        thead th{background:var(--band)}
        th[scope=row]{font-weight:600}
        .nw{white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        table.register{table-layout:fixed}
        .w-flow{width:15%}.w-kind{width:8%}.w-from{width:12%}.w-to{width:13%}.w-region{width:6%}
        .w-evidence{width:14%}.w-cross{width:10%}.w-basis{width:22%}
        table.kv{width:auto;min-width:50%}
        table.kv th{width:14em}
        .status{display:inline-block;font-weight:700;font-size:12px;padding:1px 6px;border:1.5px solid currentColor;\
        border-radius:3px;white-space:nowrap;letter-spacing:.02em}
        .s-pass{color:var(--pass)}
        .s-fail{color:var(--fail)}
        .s-indeterminate{color:var(--undecided)}
        .s-not-applicable{color:var(--na)}
        .s-permitted{color:var(--permitted)}
        .s-waived{color:var(--waived)}
        .s-expired{color:#fff;background:var(--fail);border-color:var(--fail)}
        .cross{font-weight:700}
        .cross-yes{color:var(--fail)}
        .cross-unknown{color:var(--undecided)}
        .nobasis{font-weight:700;color:var(--fail)}
        .basis{color:var(--permitted)}
        ul.plain{list-style:none;padding:0;margin:0}
        ul.plain li+li{margin-top:4px}
        .muted,.small{color:var(--muted);font-size:.85em}
        .more{font-style:italic;color:var(--muted)}
        .policy{border-top:1px solid var(--rule);margin-top:24px}
        .policy-meta{color:var(--muted);margin:2px 0 8px}
        .rationale{max-width:70em}
        .finding{border:1px solid var(--rule);border-left:6px solid var(--na);padding:10px 12px;margin:12px 0}
        .finding.o-fail{border-left-color:var(--fail)}
        .finding.o-indeterminate{border-left-color:var(--undecided)}
        .finding.o-permitted{border-left-color:var(--permitted)}
        .finding.o-waived{border-left-color:var(--waived)}
        .finding table{margin:6px 0 4px;width:100%}
        .chart{max-width:720px;height:auto;display:block;margin:6px 0 12px}
        figure{margin:12px 0}
        figcaption{font-weight:700}
        .evidence{border-top:1px solid var(--rule);padding-top:6px;margin-top:10px}
        ol.ws-list{columns:4;column-gap:28px;font-size:13px;padding-left:3.2em;margin:6px 0}
        .signoff td{height:44px}
        footer{margin-top:40px;border-top:1px solid var(--rule);padding-top:8px}
        :target{outline:3px solid #f9a825;outline-offset:2px}
        @page{size:A4 landscape;margin:12mm}
        @media print{
        body{font-size:9pt;max-width:none;padding:0}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        details{display:block}
        details>*{display:block}
        h2{break-after:avoid}
        h3,h4,caption{break-after:avoid}
        thead{display:table-header-group}
        tr,.finding,.verdict,figure{break-inside:avoid}
        a{color:inherit}
        a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}
        table{font-size:8pt}
        h2{font-size:14pt;margin:18pt 0 6pt}
        h3{font-size:11pt;margin:12pt 0 4pt}
        ol.ws-list{columns:5;font-size:7.5pt;line-height:1.25}
        figure:has(.chart){display:none}
        #sign-off{break-inside:avoid}
        }

        """
}
