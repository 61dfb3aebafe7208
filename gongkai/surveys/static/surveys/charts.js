/* Draws the bar charts of a survey's published results (no inline script: reads the JSON block
   #survey-charts). The tables under each chart stay the accessible alternative. */
(function () {
  "use strict";
  function draw(spec) {
    var box = document.getElementById(spec.id);
    if (!box || !window.echarts) { return; }
    box.innerHTML = "";
    var chart = window.echarts.init(box, null, { renderer: "canvas" });
    var stack = spec.type === "stack";
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: stack ? { type: "scroll", top: 0 } : undefined,
      grid: { left: 10, right: 30, top: stack ? 40 : 10, bottom: 10, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: spec.labels, inverse: true, axisLabel: { width: 120, overflow: "break" } },
      series: spec.series.map(function (s) {
        return { name: s.name, type: "bar", stack: stack ? "total" : undefined, data: s.data,
                 label: { show: !stack, position: "right" } };
      })
    });
    box.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("survey-charts");
    if (!source) { return; }
    JSON.parse(source.textContent).forEach(draw);
  });
})();
