"""Well-known XSS payloads, fed through every field staff write (tests/browser/test_xss.py).

Each one that could run calls alert() with its own number, so a failure names it.
Sources: the OWASP XSS filter evasion cheat sheet, PortSwigger's XSS cheat
sheet, and Markdown-specific link tricks.
"""

TEMPLATES = [
    "<script>alert({n})</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    '<img src=x onerror="alert({n})">',
    "<IMG SRC=JaVaScRiPt:alert({n})>",
    "<svg onload=alert({n})>",
    "<svg><script>alert({n})</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert({n})>",
    "<body onload=alert({n})>",
    "<details open ontoggle=alert({n})>x</details>",
    "<input autofocus onfocus=alert({n})>",
    "<video><source onerror=alert({n})></video>",
    '<a title="x" onmouseover="alert({n})">hover</a>',
    '<a href="javascript:alert({n})">a link</a>',
    '<a href="JaVaScRiPt:alert({n})">mixed case</a>',
    '<a href=" javascript:alert({n})">leading space</a>',
    '<a href="&#106;avascript:alert({n})">entity</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert({n})">hex entities</a>',
    '<a href="jav&#x09;ascript:alert({n})">tab inside</a>',
    '<a href="vbscript:msgbox({n})">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "[markdown link](javascript:alert({n}))",
    "[markdown entity](&#106;avascript:alert({n}))",
    "[markdown data](data:text/html,<script>alert({n})</script>)",
    "[reference link][x{n}]\n\n[x{n}]: javascript:alert({n})",
    "<javascript:alert({n})>",
    '![image](x" onerror="alert({n}))',
    '[link](https://ok.example "title\\" onmouseover=\\"alert({n})")',
    '<iframe srcdoc="<script>alert({n})</script>"></iframe>',
    '<iframe src="javascript:alert({n})"></iframe>',
    '<object data="data:text/html,<script>alert({n})</script>"></object>',
    '<embed src="javascript:alert({n})">',
    '<div style="background:url(javascript:alert({n}))">style url</div>',
    '<p style="width: expression(alert({n}))">style expression</p>',
    '<style>@import "javascript:alert({n})";</style>',
    '<form action="javascript:alert({n})"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert({n})">',
    '<base href="javascript:alert({n})//">',
    '<link rel=stylesheet href="javascript:alert({n})">',
    '"><script>alert({n})</script>',
    "'><img src=x onerror=alert({n})>",
    "<scr<script>ipt>alert({n})</scr</script>ipt>",
    '<noscript><p title="</noscript><img src=x onerror=alert({n})>">',
    "<template><script>alert({n})</script></template>",
    "&lt;script&gt;alert({n})&lt;/script&gt;",
    "`<script>alert({n})</script>`",
    "    <script>alert({n})</script>",
]

PAYLOADS = [template.replace("{n}", str(n)) for n, template in enumerate(TEMPLATES, start=1)]

# Everything in one field, as an editor pasting a page of rubbish would.
ALL_PAYLOADS = "\n\n".join(PAYLOADS)

# Tags the sanitiser may emit, and which attributes (core/text.py).
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
