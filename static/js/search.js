// Search-as-you-type suggestions for the header search box. An enhancement only:
// without this file the box is a plain form that opens the /search/ page.
// Follows the ARIA combobox pattern with a listbox popup
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/): focus stays in the box,
// arrow keys move through the suggestions, Enter opens one, Escape closes them.
(function () {
  "use strict";

  var DELAY_MS = 250;
  var MIN_LENGTH = 2;

  var input = document.getElementById("site-search-q");
  if (!input || !input.dataset.suggestions || !window.fetch) {
    return;
  }
  var endpoint = input.dataset.suggestions;
  var form = input.form;

  var combo = document.createElement("div");
  combo.className = "site-search__combo";
  input.parentNode.insertBefore(combo, input);
  combo.appendChild(input);

  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search suggestions");
  list.hidden = true;
  combo.appendChild(list);

  var hint = document.createElement("span");
  hint.id = "site-search-hint";
  hint.className = "visually-hidden";
  hint.textContent = "Suggestions appear as you type: use the up and down arrow keys to choose one.";
  combo.appendChild(hint);

  // A live region (not role="status": pages keep that for their own result counts).
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  combo.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-describedby", hint.id);
  input.setAttribute("autocomplete", "off");

  var timer = null;
  var request = null;
  var options = [];
  var active = -1;
  var shownFor = "";

  function open() {
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function setActive(index) {
    options.forEach(function (option, i) {
      option.element.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].element.id);
      options[index].element.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function go(option) {
    if (option.url) {
      window.location.assign(option.url);
    } else {
      close();
      form.submit();
    }
  }

  function addOption(label, detail, url) {
    var element = document.createElement("li");
    element.id = "site-search-option-" + options.length;
    element.setAttribute("role", "option");
    element.setAttribute("aria-selected", "false");
    element.className = "suggestions__option";
    element.appendChild(document.createTextNode(label));
    if (detail) {
      var small = document.createElement("span");
      small.className = "suggestions__detail";
      small.textContent = detail;
      element.appendChild(document.createTextNode(" "));
      element.appendChild(small);
    }
    var option = { element: element, url: url };
    element.addEventListener("click", function () {
      go(option);
    });
    options.push(option);
    list.appendChild(element);
  }

  function render(text, data) {
    list.textContent = "";
    options = [];
    active = -1;
    shownFor = text;
    (data.results || []).forEach(function (result) {
      addOption(result.title, result.type, result.url);
    });
    var count = options.length;
    addOption("See all results for “" + text + "”", "", "");
    status.textContent = count
      ? count + (count === 1 ? " suggestion" : " suggestions") + " for " + text + "."
      : "No suggestions for " + text + ". Press Enter to search.";
    if (document.activeElement === input) {
      open();
    }
  }

  function suggest() {
    var text = input.value.trim();
    if (text.length < MIN_LENGTH) {
      shownFor = "";
      status.textContent = "";
      close();
      return;
    }
    if (text === shownFor) {
      open();
      return;
    }
    if (request) {
      request.abort();
    }
    request = new AbortController();
    fetch(endpoint + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" },
      signal: request.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && input.value.trim() === text) {
          render(text, data);
        }
      })
      .catch(function () {
        // Offline or aborted: the plain form still works.
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    var count = options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) {
        return;
      }
      event.preventDefault();
      if (list.hidden) {
        open();
      }
      var step = event.key === "ArrowDown" ? 1 : -1;
      setActive(active < 0 && step < 0 ? count - 1 : (active + step + count) % count);
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      go(options[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault(); // keep the text: Escape in a search box would clear it
      close();
    } else if (event.key === "Tab") {
      close();
    }
  });

  // Keep focus in the box while a suggestion is clicked.
  list.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });

  input.addEventListener("blur", function () {
    close();
  });

  input.addEventListener("focus", function () {
    if (input.value.trim() === shownFor && shownFor) {
      open();
    }
  });
})();
