/* The kg view: builds the vis-network from the JSON block, wires search and the type filter. */
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timings.network = performance.now();
  var view = {
    network: network, nodes: nodes, edges: edges, ready: false, search: search, timings: timings
  };
  window.kgView = view;

  // Tooltips arrive as HTML whose article text was escaped when the page was written. vis-network
  // shows a string title as plain text; when it does, the parsed markup is swapped in (in the same
  // task, before any paint), so thousands of tooltips are never built on load.
  network.on("showPopup", function (id) {
    var frame = container.querySelector("div.vis-tooltip");
    var item = nodes.get(id) || edges.get(id);
    if (frame && item && typeof item.title === "string") { frame.innerHTML = item.title; }
  });

  function markReady() {
    if (view.ready) { return; }
    view.ready = true;
    timings.ready = performance.now();
    if (data.focus) { network.selectNodes([data.focus]); }
    document.body.setAttribute("data-ready", "1");
  }
  if (data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // Search by name or alias: case- and diacritic-insensitive, exact match first, then a part.
  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  var index = [];
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases || []).forEach(function (name) { index.push([fold(name), n.id]); });
  });
  var names = document.getElementById("kg-names");
  var options = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    var option = document.createElement("option");
    option.value = String(n.label);
    options.appendChild(option);
  });
  names.appendChild(options);

  var input = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  function search(query) {
    var key = fold(query);
    if (!key) { network.unselectAll(); status.textContent = ""; return null; }
    var hit = index.find(function (x) { return x[0] === key; }) ||
              index.find(function (x) { return x[0].indexOf(key) >= 0; });
    if (!hit) { network.unselectAll(); status.textContent = "không tìm thấy"; return null; }
    network.selectNodes([hit[1]]);
    network.focus(hit[1], { scale: 1.2, animation: false });
    status.textContent = "";
    return hit[1];
  }
  input.addEventListener("change", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { search(input.value); }
  });

  // Type filter: the legend's check boxes hide or show every entity of a type.
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input"));
  function applyFilter() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute("data-type")] = box.checked; });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: shown[n.entityType] === false };
    }));
  }
  boxes.forEach(function (box) { box.addEventListener("change", applyFilter); });
})();
