// @mentions while typing a comment: after "@" and a letter, the field asks the server whom the
// reader may mention (the form's data-mentions-url) and shows them as a listbox. The field acts
// as an ARIA combobox: arrow keys move through the people, Enter or Tab picks one, Escape closes
// the list. Without this script, typing @handle by hand works the same.
(function () {
  "use strict";

  var WORD = /(^|[^\w@.+-])@([A-Za-z0-9._+\-\u00c0-\u024f ]{1,50})$/;
  var timer = null;
  var counter = 0;

  function state(field) {
    if (!field._mentions) {
      counter += 1;
      var box = document.createElement("div");
      box.className = "mention-box";
      box.id = "mention-box-" + counter;
      box.hidden = true;
      field.parentNode.insertBefore(box, field.nextSibling);
      var status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      field.parentNode.insertBefore(status, box.nextSibling);
      field.setAttribute("role", "combobox");
      field.setAttribute("aria-autocomplete", "list");
      field.setAttribute("aria-expanded", "false");
      field.setAttribute("aria-controls", box.id);
      field._mentions = { box: box, status: status, active: -1, query: null };
    }
    return field._mentions;
  }

  function options(s) {
    return s.box.querySelectorAll("[role=option]");
  }

  function close(field) {
    var s = state(field);
    s.box.hidden = true;
    s.box.innerHTML = "";
    s.active = -1;
    s.query = null;
    field.setAttribute("aria-expanded", "false");
    field.removeAttribute("aria-activedescendant");
  }

  function highlight(field, index) {
    var s = state(field);
    var all = options(s);
    if (!all.length) {
      return;
    }
    s.active = (index + all.length) % all.length;
    for (var i = 0; i < all.length; i += 1) {
      all[i].setAttribute("aria-selected", i === s.active ? "true" : "false");
    }
    field.setAttribute("aria-activedescendant", all[s.active].id);
  }

  function pick(field, option) {
    var s = state(field);
    var before = field.value.slice(0, field.selectionStart);
    var after = field.value.slice(field.selectionStart);
    var at = before.lastIndexOf("@");
    var text = before.slice(0, at) + "@" + option.getAttribute("data-handle") + " ";
    field.value = text + after;
    field.setSelectionRange(text.length, text.length);
    close(field);
    s.status.textContent = option.textContent;
    field.focus();
  }

  function show(field, html) {
    var s = state(field);
    s.box.innerHTML = html;
    var all = options(s);
    all.forEach(function (option, i) {
      option.id = field.id + "-mention-" + i;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep the focus in the field
        pick(field, option);
      });
    });
    s.active = -1;
    s.box.hidden = !all.length;
    field.setAttribute("aria-expanded", all.length ? "true" : "false");
    field.removeAttribute("aria-activedescendant");
    if (all.length) {
      highlight(field, 0);
    }
  }

  function lookUp(field) {
    var form = field.closest("[data-mentions-url]");
    var s = state(field);
    var match = WORD.exec(field.value.slice(0, field.selectionStart));
    var query = match ? match[2].trim() : "";
    if (!form || !query || /\s/.test(match[2].slice(0, 1))) {
      close(field);
      return;
    }
    if (query === s.query) {
      return;
    }
    s.query = query;
    var url = form.getAttribute("data-mentions-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        if (s.query === query) {
          show(field, html);
        }
      });
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!(field instanceof HTMLTextAreaElement) || !field.closest("[data-mentions-url]")) {
      return;
    }
    state(field);
    clearTimeout(timer);
    timer = setTimeout(function () {
      lookUp(field);
    }, 150);
  });

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!field._mentions || field._mentions.box.hidden) {
      return;
    }
    var s = field._mentions;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(field, s.active + (event.key === "ArrowDown" ? 1 : -1));
    } else if ((event.key === "Enter" || event.key === "Tab") && s.active >= 0) {
      event.preventDefault();
      pick(field, options(s)[s.active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(field);
    }
  });

  document.addEventListener(
    "blur",
    function (event) {
      if (event.target._mentions) {
        close(event.target);
      }
    },
    true
  );
})();
