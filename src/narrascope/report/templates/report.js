(function () {
  var blocks = document.querySelectorAll("script.chart-data");
  for (var i = 0; i < blocks.length; i++) {
    var spec = JSON.parse(blocks[i].textContent);
    var target = document.getElementById(blocks[i].getAttribute("data-target"));
    Plotly.newPlot(target, spec.data, spec.layout, {displaylogo: false, responsive: true});
  }
})();
