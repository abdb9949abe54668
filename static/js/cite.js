// "Cite this": a button that copies the reference. Without JavaScript the
// reference is still plain, selectable text, so the button is only added here.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-text]").forEach(function (holder) {
    var text = holder.getAttribute("data-copy-text");
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "button button--secondary";
    button.textContent = holder.getAttribute("data-copy-label") || "Copy";
    status.className = "citation-copy__status";
    status.setAttribute("role", "status");
    holder.appendChild(button);
    holder.appendChild(status);
    button.addEventListener("click", function () {
      var done = function () { status.textContent = "Reference copied."; };
      var failed = function () {
        status.textContent = "Could not copy: select the reference above and copy it.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    });
  });
})();
