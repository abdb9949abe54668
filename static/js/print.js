// Print: give each link in the page body its full address, which print.css
// writes after the link (relative addresses mean nothing on paper).
(function () {
  "use strict";
  document.querySelectorAll("main a[href]").forEach(function (link) {
    var href = link.getAttribute("href");
    if (/^(#|mailto:|tel:|javascript:)/.test(href)) {
      return;
    }
    link.setAttribute("data-print-href", link.href);
  });
})();
