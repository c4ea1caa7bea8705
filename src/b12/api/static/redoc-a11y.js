// ReDoc renders a schema's oneOf (one of two shapes, as a diary supplement's doses per day or per
// week) as a <select> with no label: a name for screen readers (axe-core: select-name). ReDoc
// draws the page after load and again as sections open, so every new <select> is named.
function nameSelects(root) {
  for (const select of root.querySelectorAll("select:not([aria-label])")) {
    select.setAttribute("aria-label", "Schema variant");
  }
}

new MutationObserver(function () {
  nameSelects(document);
}).observe(document.documentElement, { childList: true, subtree: true });
