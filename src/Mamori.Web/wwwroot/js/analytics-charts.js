// Draws the programme analytics (seed 003 図4.1-1 to 4.1-3) with Apache ECharts from the JSON in
// each <div class="analytics-chart" data-analytics='{...}'>. The same numbers are in the tables.
(function () {
  function option(spec) {
    if (spec.kind === 'industry') {
      return {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 30, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: 40, fontSize: 10 } },
        yAxis: [{ type: 'value', name: spec.alertsName, minInterval: 1 }, { type: 'value', name: spec.pcsName, minInterval: 1 }],
        series: [
          { name: spec.alertsName, type: 'bar', data: spec.alerts, itemStyle: { color: '#dc3545' } },
          { name: spec.pcsName, type: 'line', yAxisIndex: 1, data: spec.pcs, itemStyle: { color: '#0d6efd' } }
        ]
      };
    }
    if (spec.kind === 'perPc') {
      return {
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 8, top: 10, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: spec.labels, axisLabel: { interval: 0, rotate: 40, fontSize: 10 } },
        yAxis: { type: 'value', name: spec.name },
        series: [{ name: spec.name, type: 'bar', data: spec.values.map(function (v) { return v === null ? '-' : v; }), itemStyle: { color: '#fd7e14' } }]
      };
    }
    return {
      tooltip: { formatter: function (p) { return p.data[2] + '<br>' + spec.xName + ': ' + p.data[0] + '<br>' + spec.yName + ': ' + p.data[1]; } },
      grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
      xAxis: { type: 'value', name: spec.xName, minInterval: 1 },
      yAxis: { type: 'value', name: spec.yName, minInterval: 1 },
      series: [{ type: 'scatter', symbolSize: 12, data: spec.points, itemStyle: { color: '#6f42c1' } }]
    };
  }
  function draw() {
    document.querySelectorAll('.analytics-chart[data-analytics]').forEach(function (el) {
      var chart = echarts.init(el);
      chart.setOption(option(JSON.parse(el.dataset.analytics)));
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
