// The timeline's range brush: drag across the chart to select periods; on release open the events page with
// since/until set (the other filters kept, from the chart's data-events link). A plain click still follows the
// bar's link, and without JS every bar and the range form work alone.
(function () {
  "use strict";
  const svg = document.getElementById("timeline-chart");
  if (!svg) return;
  const buckets = Array.from(svg.querySelectorAll("g.bucket"));
  const brush = document.getElementById("brush");
  const left = parseFloat(svg.dataset.left);
  const bar = parseFloat(svg.dataset.bar);
  let start = null, startX = 0, dragging = false, swallowClick = false;

  function at(event) {
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return Math.max(0, Math.min(buckets.length - 1, Math.floor((point.x - left) / bar)));
  }
  function range(event) {
    const here = at(event);
    return [Math.min(start, here), Math.max(start, here)];
  }
  svg.addEventListener("dragstart", (event) => event.preventDefault());
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    start = at(event);
    startX = event.clientX;
    dragging = false;
  });
  svg.addEventListener("pointermove", (event) => {
    if (start === null) return;
    if (!dragging && Math.abs(event.clientX - startX) < 5) return;
    if (!dragging) {
      dragging = true;
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("brushing");
      brush.classList.add("on");
    }
    const [a, b] = range(event);
    brush.setAttribute("x", String(left + a * bar));
    brush.setAttribute("width", String((b - a + 1) * bar));
  });
  svg.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const [a, b] = range(event);
    start = null;
    if (!dragging) return;
    dragging = false;
    swallowClick = true;
    const url = new URL(svg.dataset.events, window.location.href);
    url.searchParams.set("since", buckets[a].dataset.since);
    url.searchParams.set("until", buckets[b].dataset.until);
    window.location.assign(url.toString());
  });
  svg.addEventListener("click", (event) => {
    if (swallowClick) {
      event.preventDefault();
      swallowClick = false;
    }
  }, true);
})();
