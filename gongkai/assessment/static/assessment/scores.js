/* Draws the score ranking of the assessment board (no inline script: reads the JSON in #score-data).
   The table above stays the accessible alternative. */
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("score-chart");
    var source = document.getElementById("score-data");
    if (!box || !source || !window.echarts) { return; }
    var data = JSON.parse(source.textContent);
    if (!data.labels.length) { return; }
    box.innerHTML = "";
    var chart = window.echarts.init(box, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      grid: { left: 20, right: 20, bottom: 20, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", name: "得分" },
      series: [{ type: "bar", name: "得分", data: data.scores }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
