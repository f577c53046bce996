// Draws the diagnosis radar charts (<div class="radar" data-radar='{...}'>) with Apache ECharts.
// The numbers are also in the table beside each chart, so nothing is lost without JavaScript.
// When every chart has finished drawing, body gets data-charts-rendered="1": the PDF printer
// waits for that marker so the chart is on paper.
(function () {
  var colors = { company: '#d63384', industry: '#0d6efd', all: '#6c757d', national: '#198754' };
  function draw() {
    var els = document.querySelectorAll('.radar[data-radar]');
    var pending = els.length;
    function done() { pending -= 1; if (pending <= 0) { document.body.setAttribute('data-charts-rendered', '1'); } }
    if (pending === 0) { done(); return; }
    els.forEach(function (el) {
      var spec = JSON.parse(el.dataset.radar);
      var chart = echarts.init(el, null, { renderer: 'svg' });
      chart.on('finished', function once() { chart.off('finished', once); done(); });
      chart.setOption({
        animation: false,
        legend: { bottom: 0, textStyle: { fontSize: 10 } },
        radar: { indicator: spec.axes.map(function (a) { return { name: a, max: 100 }; }), radius: '60%', axisName: { fontSize: 10, color: '#333' } },
        series: [{
          type: 'radar',
          data: spec.series.map(function (s) {
            return {
              name: s.name,
              value: s.values.map(function (v) { return v === null ? '-' : v; }),
              lineStyle: { color: colors[s.id], width: s.id === 'company' ? 3 : 1.5, type: s.id === 'company' ? 'solid' : 'dashed' },
              itemStyle: { color: colors[s.id] },
              areaStyle: s.id === 'company' ? { color: 'rgba(214,51,132,0.15)' } : undefined
            };
          })
        }]
      });
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
})();
