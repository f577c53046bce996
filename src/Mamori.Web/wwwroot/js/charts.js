// Draws every <div class="chart" data-chart='{...}'> with Apache ECharts. The data comes from the
// server as JSON in the attribute, so the page has the same numbers in a table without JavaScript.
(function () {
  function draw(root) {
    root.querySelectorAll('.chart[data-chart]').forEach(function (el) {
      if (el.dataset.drawn) { return; }
      var spec = JSON.parse(el.dataset.chart);
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: {},
        grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: spec.labels, inverse: true },
        series: [{ type: 'bar', data: spec.values, itemStyle: { color: '#0d6efd' } }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
      el.dataset.drawn = '1';
    });
  }
  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:afterSwap', function (e) { draw(e.target); });
})();
