/* The document page's enhancement: hovering, focusing or clicking an event (or a statement, an actor…) in
   the side column lights its evidence in the text (every element whose data-ids holds its id: the trigger
   and the sentence of an event, the quote of a statement, the mentions of an actor). A click (or the
   page's #E1 anchor) keeps it lit. Without JS the links still jump to the anchor and CSS :target shows it. */
(function () {
  "use strict";
  var text = document.getElementById("doc-text");
  if (!text) { return; }
  var items = Array.prototype.slice.call(document.querySelectorAll(".doc-side [data-show]"));
  var active = { hover: null, focus: null, pin: null };

  function update() {
    var ids = [active.hover, active.focus, active.pin].filter(Boolean);
    text.querySelectorAll(".lit").forEach(function (el) { el.classList.remove("lit"); });
    ids.forEach(function (id) {
      text.querySelectorAll('[data-ids~="' + CSS.escape(id) + '"]').forEach(function (el) {
        el.classList.add("lit");
      });
    });
    items.forEach(function (item) {
      item.classList.toggle("lit", ids.indexOf(item.dataset.show) >= 0);
      item.classList.toggle("current", item.dataset.show === active.pin);
    });
  }
  function set(key, value) { active[key] = value; update(); }

  items.forEach(function (item) {
    var id = item.dataset.show;
    item.addEventListener("mouseenter", function () { set("hover", id); });
    item.addEventListener("mouseleave", function () { set("hover", null); });
    item.addEventListener("focusin", function () { set("focus", id); });
    item.addEventListener("focusout", function () { set("focus", null); });
    item.addEventListener("click", function () { set("pin", id); });
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    set("pin", id);
    items.forEach(function (item) {
      if (item.dataset.show === id) { item.scrollIntoView({ block: "nearest" }); }
    });
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
}());
