/* The kg view: builds the vis-network from the JSON block and wires what an analyst reads it with:
   filters (type, isolated entities, degree, dates) with counts that follow, colour by type or by
   community, a click that highlights a neighbourhood and lists its evidence, search that focuses,
   and the export of what is shown (GraphML, GEXF, CSV), made in the page. */
(function () {
  "use strict";
  var timings = { start: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  timings.parsed = performance.now();

  var FADED = "rgba(200,200,200,0.35)";
  var FADED_FONT = "rgba(120,120,120,0.35)";
  var EDGE_COLOUR = "#a0a0a0";
  var byId = {};
  var neighbours = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; neighbours[n.id] = []; });
  data.edges.forEach(function (e) {
    if (e.from === e.to) { return; }
    neighbours[e.from].push(e.to);
    neighbours[e.to].push(e.from);
  });

  var state = {
    colourBy: data.colourBy || "type",
    isolated: false,
    minDegree: 0,
    from: "",
    to: "",
    types: {},
    forced: {},
    highlighted: null,
    shown: {}
  };

  // Which entities pass the filters. With a date range, an entity dated inside it passes, and so
  // does an undated one linked to such an entity (who took part, where, which body).
  function passing() {
    var dated = null;
    if (state.from || state.to) {
      dated = {};
      data.nodes.forEach(function (n) {
        if (!n.start) { return; }
        dated[n.id] = !(state.from && n.end < state.from) && !(state.to && n.start > state.to);
      });
    }
    var shown = {};
    data.nodes.forEach(function (n) {
      var ok = state.types[n.entityType] !== false &&
        (state.isolated || n.degree > 0) && n.degree >= state.minDegree;
      if (ok && dated) {
        ok = n.start ? dated[n.id] : neighbours[n.id].some(function (m) { return dated[m]; });
      }
      shown[n.id] = ok || state.forced[n.id] === true;
    });
    return shown;
  }

  function countShown(shown) {
    var nodeCount = 0;
    var edgeCount = 0;
    data.nodes.forEach(function (n) { if (shown[n.id]) { nodeCount += 1; } });
    data.edges.forEach(function (e) { if (shown[e.from] && shown[e.to]) { edgeCount += 1; } });
    return { nodes: nodeCount, edges: edgeCount };
  }

  // The first draw is already filtered: isolated entities start hidden, unless nothing is linked.
  state.isolated = data.nodes.every(function (n) { return n.degree === 0; });
  document.getElementById("kg-isolated").checked = state.isolated;
  state.shown = passing();
  data.nodes.forEach(function (n) { n.hidden = !state.shown[n.id]; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timings.network = performance.now();
  var view = {
    network: network, nodes: nodes, edges: edges, ready: false, timings: timings, state: state,
    search: search, apply: apply, highlight: highlight, counts: counts, exportText: exportText
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

  function shownIds() {
    return data.nodes.filter(function (n) { return state.shown[n.id]; })
      .map(function (n) { return n.id; });
  }

  function markReady() {
    if (view.ready) { return; }
    var ids = shownIds();
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
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

  // ---------------------------------------------------------------- filters and counts

  var nodeCount = document.getElementById("kg-node-count");
  var edgeCount = document.getElementById("kg-edge-count");

  function counts() { return countShown(state.shown); }

  function showCounts() {
    var now = counts();
    nodeCount.textContent = String(now.nodes);
    edgeCount.textContent = String(now.edges);
  }

  function apply() {
    var shown = passing();
    var changes = [];
    data.nodes.forEach(function (n) {
      if (shown[n.id] !== state.shown[n.id]) { changes.push({ id: n.id, hidden: !shown[n.id] }); }
    });
    state.shown = shown;
    if (changes.length) { nodes.update(changes); }
    if (state.highlighted && !shown[state.highlighted]) { highlight(null); }
    showCounts();
    return counts();
  }

  var boxes = Array.prototype.slice.call(document.querySelectorAll("#kg-legend input"));
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      state.types[box.getAttribute("data-type")] = box.checked;
      apply();
    });
  });
  var isolatedBox = document.getElementById("kg-isolated");
  isolatedBox.addEventListener("change", function () {
    state.isolated = isolatedBox.checked;
    apply();
  });
  var degreeBox = document.getElementById("kg-degree");
  degreeBox.addEventListener("input", function () {
    state.minDegree = Math.max(0, parseInt(degreeBox.value, 10) || 0);
    apply();
  });
  var fromBox = document.getElementById("kg-from");
  var toBox = document.getElementById("kg-to");
  var days = data.nodes.filter(function (n) { return n.start; });
  if (days.length) {
    var first = days.reduce(function (a, n) { return n.start < a ? n.start : a; }, days[0].start);
    var last = days.reduce(function (a, n) { return n.end > a ? n.end : a; }, days[0].end);
    [fromBox, toBox].forEach(function (box) { box.min = first; box.max = last; });
  }
  [fromBox, toBox].forEach(function (box) {
    box.addEventListener("change", function () {
      state.from = fromBox.value;
      state.to = toBox.value;
      apply();
    });
  });
  showCounts();

  // ---------------------------------------------------------------- colours and the neighbourhood

  var colourBox = document.getElementById("kg-colour");
  colourBox.addEventListener("change", function () {
    state.colourBy = colourBox.value;
    paint();
  });

  function paint() {
    var near = null;
    if (state.highlighted) {
      near = {};
      near[state.highlighted] = true;
      neighbours[state.highlighted].forEach(function (m) { near[m] = true; });
    }
    nodes.update(data.nodes.map(function (n) {
      var lit = !near || near[n.id] === true;
      var colour = state.colourBy === "community" ? n.communityColor : n.typeColor;
      return { id: n.id, color: lit ? colour : FADED, font: { color: lit ? "#222222" : FADED_FONT } };
    }));
    edges.update(data.edges.map(function (e) {
      var lit = !near || e.from === state.highlighted || e.to === state.highlighted;
      return { id: e.id, color: { color: lit ? EDGE_COLOUR : FADED }, font: { color: lit ? "#555555" : "rgba(0,0,0,0)" } };
    }));
  }

  var panel = document.getElementById("kg-panel");

  function element(tag, text) {
    var made = document.createElement(tag);
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function describe(id) {
    panel.textContent = "";
    if (!id) { panel.hidden = true; return; }
    var n = byId[id];
    panel.appendChild(element("h2", n.label));
    var dates = n.start ? " · " + (n.start === n.end ? n.start : n.start + " – " + n.end) : "";
    panel.appendChild(element("div", n.entityType + " · bậc " + n.degree + " · cộng đồng " + (n.community + 1) + dates))
      .className = "meta";
    panel.appendChild(element("h3", "Bằng chứng"));
    var said = element("ul");
    said.id = "kg-evidence";
    (n.evidence || []).forEach(function (line) { said.appendChild(element("li", line)); });
    if (!(n.evidence || []).length) { said.appendChild(element("li", "(không có câu nào)")); }
    panel.appendChild(said);
    var linked = neighbours[id].filter(function (m, i, all) { return all.indexOf(m) === i; });
    panel.appendChild(element("h3", "Liên kết (" + linked.length + ")"));
    var list = element("ul");
    list.id = "kg-neighbours";
    linked.forEach(function (m) {
      var item = element("li");
      var button = element("button", byId[m].label);
      button.type = "button";
      button.addEventListener("click", function () { focusOn(m); });
      item.appendChild(button);
      list.appendChild(item);
    });
    panel.appendChild(list);
    panel.hidden = false;
  }

  // Light up one entity, its links and its neighbours; fade the rest; list its evidence.
  function highlight(id) {
    state.highlighted = id || null;
    paint();
    describe(state.highlighted);
    return state.highlighted ? neighbours[state.highlighted].slice() : [];
  }

  network.on("click", function (params) {
    if (params.nodes.length) { highlight(params.nodes[0]); } else { highlight(null); }
  });

  // ---------------------------------------------------------------- search

  // By name or alias: case- and diacritic-insensitive, exact match first, then a part. An entity
  // found behind a filter is shown all the same.
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

  function focusOn(id) {
    if (!state.shown[id]) {
      state.forced[id] = true;
      apply();
    }
    network.selectNodes([id]);
    highlight(id);
    network.focus(id, { scale: 1.2, animation: false });
  }

  var input = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  function search(query) {
    var key = fold(query);
    if (!key) { network.unselectAll(); highlight(null); status.textContent = ""; return null; }
    var hit = index.find(function (x) { return x[0] === key; }) ||
              index.find(function (x) { return x[0].indexOf(key) >= 0; });
    if (!hit) {
      network.unselectAll();
      highlight(null);
      status.textContent = "không tìm thấy";
      return null;
    }
    focusOn(hit[1]);
    status.textContent = "";
    return hit[1];
  }
  input.addEventListener("change", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { search(input.value); }
  });

  // ---------------------------------------------------------------- export of what is shown

  var NODE_FIELDS = [
    ["label", "string"], ["type", "string"], ["community", "int"], ["degree", "int"],
    ["start", "string"], ["end", "string"]
  ];
  var EDGE_FIELDS = [["predicate", "string"], ["weight", "int"]];

  function selection() {
    var shown = state.shown;
    return {
      nodes: data.nodes.filter(function (n) { return shown[n.id]; }).map(function (n) {
        return {
          id: n.id, label: n.label, type: n.entityType, community: n.community,
          degree: n.degree, start: n.start || "", end: n.end || ""
        };
      }),
      edges: data.edges.filter(function (e) { return shown[e.from] && shown[e.to]; })
        .map(function (e) {
          return { id: e.id, source: e.from, target: e.to, predicate: e.label, weight: e.weight || 1 };
        })
    };
  }

  function xml(text) {
    return String(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }

  function graphml(chosen) {
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
    NODE_FIELDS.forEach(function (f) {
      lines.push('<key id="' + f[0] + '" for="node" attr.name="' + f[0] + '" attr.type="' + f[1] + '"/>');
    });
    EDGE_FIELDS.forEach(function (f) {
      lines.push('<key id="' + f[0] + '" for="edge" attr.name="' + f[0] + '" attr.type="' + f[1] + '"/>');
    });
    lines.push('<graph id="kg" edgedefault="directed">');
    chosen.nodes.forEach(function (n) {
      var cells = NODE_FIELDS.map(function (f) {
        return '<data key="' + f[0] + '">' + xml(n[f[0]]) + "</data>";
      });
      lines.push('<node id="' + xml(n.id) + '">' + cells.join("") + "</node>");
    });
    chosen.edges.forEach(function (e) {
      var cells = EDGE_FIELDS.map(function (f) {
        return '<data key="' + f[0] + '">' + xml(e[f[0]]) + "</data>";
      });
      lines.push('<edge id="' + xml(e.id) + '" source="' + xml(e.source) + '" target="' +
        xml(e.target) + '">' + cells.join("") + "</edge>");
    });
    lines.push("</graph>", "</graphml>");
    return lines.join("\n") + "\n";
  }

  function gexf(chosen) {
    var nodeFields = NODE_FIELDS.slice(1);
    var lines = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
      '<graph defaultedgetype="directed" mode="static">', '<attributes class="node">'];
    nodeFields.forEach(function (f, i) {
      lines.push('<attribute id="' + i + '" title="' + f[0] + '" type="' +
        (f[1] === "int" ? "integer" : "string") + '"/>');
    });
    lines.push("</attributes>", '<attributes class="edge">',
      '<attribute id="0" title="predicate" type="string"/>', "</attributes>", "<nodes>");
    chosen.nodes.forEach(function (n) {
      var values = nodeFields.map(function (f, i) {
        return '<attvalue for="' + i + '" value="' + xml(n[f[0]]) + '"/>';
      });
      lines.push('<node id="' + xml(n.id) + '" label="' + xml(n.label) + '"><attvalues>' +
        values.join("") + "</attvalues></node>");
    });
    lines.push("</nodes>", "<edges>");
    chosen.edges.forEach(function (e) {
      lines.push('<edge id="' + xml(e.id) + '" source="' + xml(e.source) + '" target="' +
        xml(e.target) + '" label="' + xml(e.predicate) + '" weight="' + e.weight +
        '"><attvalues><attvalue for="0" value="' + xml(e.predicate) + '"/></attvalues></edge>');
    });
    lines.push("</edges>", "</graph>", "</gexf>");
    return lines.join("\n") + "\n";
  }

  function csv(rows, fields) {
    function cell(value) {
      var text = String(value);
      return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    return [fields.join(",")].concat(rows.map(function (row) {
      return fields.map(function (f) { return cell(row[f]); }).join(",");
    })).join("\r\n") + "\r\n";
  }

  function exportText(format) {
    var chosen = selection();
    if (format === "graphml") { return graphml(chosen); }
    if (format === "gexf") { return gexf(chosen); }
    if (format === "nodes.csv") {
      return csv(chosen.nodes, ["id", "label", "type", "community", "degree", "start", "end"]);
    }
    if (format === "edges.csv") {
      return csv(chosen.edges, ["source", "target", "predicate", "weight"]);
    }
    throw new Error("unknown export format " + format);
  }

  var MIME = { graphml: "application/xml", gexf: "application/xml", "nodes.csv": "text/csv",
               "edges.csv": "text/csv" };
  Array.prototype.slice.call(document.querySelectorAll("button[data-export]")).forEach(function (b) {
    b.addEventListener("click", function () {
      var format = b.getAttribute("data-export");
      var blob = new Blob([exportText(format)], { type: MIME[format] + ";charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "kg-selection." + format;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
  });
})();
