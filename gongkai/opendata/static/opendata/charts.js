/* Draws the chart of a dataset page from the data API (no inline script: reads data-api-url).
   Line and bar charts: periods on the x axis, one series per row of the table.
   Heatmap ("分地区色阶表"): areas by periods, shaded by value. The table stays the accessible alternative. */
(function () {
  "use strict";

  function rowKey(obs, dims, skip) {
    return dims.filter(function (d) { return d.id !== skip && d.codes.length > 1; })
      .map(function (d) { return labelOf(d, obs[d.id]); }).join(" · ");
  }

  function labelOf(dim, code) {
    for (var i = 0; i < dim.codes.length; i++) { if (dim.codes[i].id === code) { return dim.codes[i].label; } }
    return code;
  }

  function draw(box) {
    if (!window.echarts || !box.dataset.apiUrl) { return; }
    var kind = box.dataset.chart || "line";
    fetch(box.dataset.apiUrl, { headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) { render(box, kind, data); })
      .catch(function () { box.querySelector(".chart-fallback").textContent = "图表暂时无法显示；数据见下表。"; });
  }

  function render(box, kind, data) {
    var dims = data.dimensions;
    var time = dims[dims.length - 1];
    var periods = time.codes.map(function (c) { return c.label; });
    var periodIndex = {};
    time.codes.forEach(function (c, i) { periodIndex[c.id] = i; });
    box.innerHTML = "";
    var chart = window.echarts.init(box, null, { locale: "ZH", renderer: "canvas" });
    var option = { animation: false, tooltip: { trigger: kind === "heatmap" ? "item" : "axis" },
                   grid: { left: 80, right: 30, bottom: 80, containLabel: true } };
    if (kind === "heatmap") {
      var area = dims.filter(function (d) { return d.role === "area"; })[0] || dims[0];
      var rows = area.codes.map(function (c) { return c.label; });
      var rowIndex = {};
      area.codes.forEach(function (c, i) { rowIndex[c.id] = i; });
      var points = [];
      var min = Infinity, max = -Infinity;
      data.observations.forEach(function (o) {
        if (o.value === null) { return; }
        min = Math.min(min, o.value); max = Math.max(max, o.value);
        points.push([periodIndex[o.TIME_PERIOD], rowIndex[o[area.id]], o.value]);
      });
      option.xAxis = { type: "category", data: periods };
      option.yAxis = { type: "category", data: rows };
      option.visualMap = { min: isFinite(min) ? min : 0, max: isFinite(max) ? max : 1, calculable: true,
                           orient: "horizontal", left: "center", bottom: 0 };
      option.series = [{ type: "heatmap", data: points, label: { show: rows.length * periods.length <= 200 } }];
    } else {
      var series = {};
      var order = [];
      data.observations.forEach(function (o) {
        var key = rowKey(o, dims.slice(0, -1), null) || labelOf(dims[0], o[dims[0].id]);
        if (!series[key]) { series[key] = periods.map(function () { return null; }); order.push(key); }
        series[key][periodIndex[o.TIME_PERIOD]] = o.value;
      });
      option.legend = { type: "scroll", top: 0 };
      option.xAxis = { type: "category", data: periods };
      option.yAxis = { type: "value", scale: kind !== "bar" };  // bars start at zero
      option.series = order.slice(0, 40).map(function (name) {
        return { name: name, type: kind === "bar" ? "bar" : "line", data: series[name], connectNulls: false };
      });
    }
    chart.setOption(option);
    box.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function init(root) {
    var boxes = (root || document).querySelectorAll(".chart[data-api-url]");
    Array.prototype.forEach.call(boxes, draw);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function () { init(document); });
})();
