/* Draws the progress-over-time line of a key task (no inline script: reads the JSON block named by
   data-source). The progress history list on the page stays the accessible alternative. */
(function () {
  "use strict";
  function draw(box) {
    var source = document.getElementById(box.dataset.source);
    if (!window.echarts || !source) { return; }
    var data = JSON.parse(source.textContent);
    box.innerHTML = "";
    var chart = window.echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 50, right: 20, top: 30, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: data.dates },
      yAxis: { type: "value", min: 0, max: 100, name: "%" },
      series: [{ name: data.title, type: "line", step: "end", data: data.progress, label: { show: true, formatter: "{c}%" } }]
    });
    box.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".progress-chart[data-source]"), draw);
  });
})();
