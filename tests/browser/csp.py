"""Collect every Content-Security-Policy violation a page reports, for the browser tests.

Both the `securitypolicyviolation` event and Chromium's console message count,
so a test can assert `page.violations == []` after loading and using a page.
"""

REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ''}`.trim());
});
"""


def collect_csp_violations(page):
    """Start recording `page`'s CSP violations in `page.violations`; return the page."""
    page.violations = []

    def record_console(message):
        if "Content Security Policy" in message.text:
            page.violations.append(message.text)

    def record_violation(description):
        page.violations.append(description)

    page.on("console", record_console)
    page.expose_function("reportCspViolation", record_violation)
    page.add_init_script(REPORT_VIOLATIONS)
    return page
