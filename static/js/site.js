// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // Wide screens show the filters beside the results. CSS does this where the
  // browser supports ::details-content; older browsers get the panel opened here.
  var wide = window.matchMedia("(min-width: 48rem)");
  document.querySelectorAll("details.filters").forEach(function (panel) {
    if (wide.matches) {
      panel.open = true;
    }
  });
})();
