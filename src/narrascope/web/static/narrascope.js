// Renders every chart of the page from its JSON block (no inline script: the CSP forbids it).
(function () {
  "use strict";
  function render() {
    var blocks = document.querySelectorAll("script.chart-data");
    for (var i = 0; i < blocks.length; i++) {
      var spec = JSON.parse(blocks[i].textContent);
      var target = document.getElementById(blocks[i].getAttribute("data-target"));
      if (target && window.Plotly) {
        window.Plotly.newPlot(target, spec.data, spec.layout, {
          displaylogo: false,
          responsive: true,
        });
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }
})();
