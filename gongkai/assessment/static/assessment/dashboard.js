/* The assessment dashboard of the office home: each measure's rate and its records not on target, month
   by month over the last twelve months (ECharts, reading the JSON in the dashboard's data-chart
   attribute; no inline script).
   A click on a point opens the records of that measure and month. The table below is the accessible
   alternative. */
(function () {
  "use strict";
  function open(series, index) {
    var url = series && series.urls[index];
    if (url) { window.location.href = url; }
  }
  function chart(box, option, data) {
    box.innerHTML = "";
    var c = window.echarts.init(box, null, { renderer: "canvas" });
    c.setOption(option);
    c.on("click", function (p) { open(data.series[p.seriesIndex], p.dataIndex); });
    window.addEventListener("resize", function () { c.resize(); });
  }
  function draw() {
    var source = document.getElementById("assessment-dashboard");
    var rates = document.getElementById("dash-rates");
    var missed = document.getElementById("dash-missed");
    if (!source || !rates || !missed || !window.echarts) { return; }
    var data = JSON.parse(source.getAttribute("data-chart"));
    var legend = { type: "scroll", bottom: 0 };
    var grid = { left: 10, right: 20, top: 40, bottom: 40, containLabel: true };
    var axis = { type: "category", data: data.labels };
    chart(rates, {
      animation: false,
      title: { text: "达标率（%）", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: legend,
      grid: grid,
      xAxis: axis,
      yAxis: { type: "value", min: 0, max: 100 },
      series: data.series.map(function (s) {
        return { type: "line", name: s.name, data: s.rates, connectNulls: false };
      })
    }, data);
    chart(missed, {
      animation: false,
      title: { text: "未达标记录（条）", textStyle: { fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: legend,
      grid: grid,
      xAxis: axis,
      yAxis: { type: "value", minInterval: 1 },
      series: data.series.map(function (s) {
        return { type: "bar", stack: "missed", name: s.name, data: s.missed };
      })
    }, data);
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
