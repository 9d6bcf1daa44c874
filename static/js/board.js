// The board: drag and drop with SortableJS, gate dialogs, announcements and a quiet refresh.
// Every move goes to the server (htmx, with the CSRF header from <body hx-headers>); the server
// answers with the fresh columns, so the board shown is always the board stored.
(function () {
  "use strict";

  var REFRESH_MS = 30000;
  var dragging = false;
  var lastCard = null;

  function columns() { return document.getElementById("board-columns"); }
  function dialog() { return document.getElementById("gate-dialog"); }

  function announce(text, isError) {
    var status = document.getElementById("board-status");
    if (!status) { return; }
    status.textContent = text || "";
    status.classList.toggle("is-error", Boolean(isError));
  }

  function refresh() {
    var dlg = dialog();
    if (dragging || (dlg && dlg.open) || !columns()) { return; }
    htmx.ajax("GET", window.location.pathname + window.location.search,
      { target: "#board-columns", swap: "outerHTML" });
  }

  function cardId(element) {
    return element && element.classList.contains("card") ? element.dataset.id : "";
  }

  function drop(event) {
    dragging = false;
    if (event.from === event.to && event.oldIndex === event.newIndex) { return; }
    var card = event.item;
    lastCard = card.dataset.id;
    var values = {
      idea_id: card.dataset.id,
      version: card.dataset.version,
      stage: event.to.dataset.stage,
      view: columns().dataset.view,
      above_id: cardId(card.previousElementSibling),
      below_id: cardId(card.nextElementSibling)
    };
    htmx.ajax("POST", columns().dataset.moveUrl,
      { source: card, target: "#board-columns", swap: "outerHTML", values: values });
  }

  function allowed(event) {
    var targets = (event.dragged.dataset.targets || "").split(" ");
    return targets.indexOf(event.to.dataset.stage) >= 0;
  }

  function makeSortable(root) {
    if (typeof Sortable === "undefined") { return; }
    root.querySelectorAll("ol.cards").forEach(function (list) {
      if (list.dataset.sortable) { return; }
      list.dataset.sortable = "1";
      Sortable.create(list, {
        group: "board",
        handle: ".drag-handle",  // on a touch screen, scrolling a column moves nothing
        draggable: ".card[data-targets]",
        animation: 120,
        forceFallback: true,  // pointer events, not native drag and drop: the same on every browser
        onStart: function () { dragging = true; },
        onMove: allowed,
        onEnd: drop
      });
    });
  }

  function focusCard(id) {
    var card = id && document.getElementById("card-" + id);
    var target = card && (card.querySelector(".card-move") || card.querySelector(".card-title"));
    if (target) { target.focus(); }
  }

  htmx.onLoad(function (element) { makeSortable(element); });

  // A refresh replaces the columns: keep the keyboard focus on the same card's control.
  var focusedCard = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var active = document.activeElement;
    var card = active && active.closest && active.closest(".card");
    focusedCard = event.detail.target.id === "board-columns" && card ? card.dataset.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (focusedCard) { focusCard(focusedCard); focusedCard = null; }
  });

  // The server answered a move with the fresh columns: the dialog (if any) has done its work.
  document.addEventListener("boardMoved", function (event) {
    var dlg = dialog();
    if (dlg && dlg.open) { dlg.dataset.done = "1"; dlg.close(); }
    announce(event.detail.message, event.detail.failed);
    focusCard(event.detail.card || lastCard);
  });

  // Anything swapped into the dialog's body opens the dialog: a gate form or the move menu.
  document.addEventListener("htmx:afterSwap", function (event) {
    var dlg = dialog();
    if (!dlg || event.detail.target.id !== "gate-dialog-body") { return; }
    if (!dlg.open) { dlg.dataset.done = ""; dlg.showModal(); }
    var first = dlg.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button");
    if (first) { first.focus(); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".card-move");
    if (link) { lastCard = link.closest(".card").dataset.id; }
    var cancel = event.target.closest("#gate-dialog .gate-cancel");
    if (cancel) { event.preventDefault(); dialog().close(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var dlg = dialog();
    if (!dlg) { return; }
    // Cancelled (button or Escape): the dropped card goes back to where the server has it.
    dlg.addEventListener("close", function () {
      document.getElementById("gate-dialog-body").innerHTML = "";
      if (!dlg.dataset.done) { refresh(); }
      focusCard(lastCard);
    });
    window.setInterval(refresh, REFRESH_MS);
    window.addEventListener("focus", refresh);
  });
})();
