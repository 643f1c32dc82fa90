// vae4j serve's page: a model's latent map, sliders, drawing pad and interpolation, over the JSON API
// (docs/serve.md). Plain JavaScript; everything comes from this page's own server.
"use strict";
(function () {
  const V = window.Vae4j;
  const $ = (id) => document.getElementById(id);
  // What the browser test reads: the time from a slider's input event to the repaint of its image (ms).
  const timings = window.vae4jTimings = {sliderRepaint: []};

  let model = null;     // the summary of the model shown
  let map = null;       // its /api/map reply
  let latentMap = null; // the LatentMap widget
  let sliders = null;
  let z = null;         // the code shown (Float32Array)
  let label = 0;        // the digit a conditional model decodes
  let drawing = null;   // the last drawing as the model sees it (Float32Array), or null
  let clicked = null;   // the test image nearest the last click on the map
  let generation = 0;   // bumps when the model changes, so late replies of the old one are dropped

  async function api(path, body) {
    const response = await fetch(path, body === undefined ? {} : {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
    const reply = await response.json();
    if (!response.ok) {
      throw new Error(reply.error || response.statusText);
    }
    return reply;
  }

  function status(message) {
    $("status").textContent = message || "";
  }

  function conditional() {
    return model.classes > 0;
  }

  // Decoding follows the sliders and the pointer: one request in flight, and the latest code after it.
  // fromSlider: the time of the slider event asking for this code, kept from the earliest one not yet shown.
  let inFlight = false;
  let pending = null; // {z, fromSlider}
  function decode(code, fromSlider) {
    const earlier = pending ? pending.fromSlider : undefined;
    pending = {z: Float32Array.from(code),
               fromSlider: earlier !== undefined ? earlier : fromSlider};
    if (!inFlight) {
      sendDecode();
    }
  }

  async function sendDecode() {
    const job = pending;
    pending = null;
    inFlight = true;
    const g = generation;
    try {
      const body = {model: model.id, z: [Array.from(job.z)]};
      if (conditional()) body.label = label;
      const reply = await api("/api/decode", body);
      if (g !== generation) return;
      V.paintImage($("decoded"), reply.images[0], map.rows, map.cols);
      if (job.fromSlider !== undefined) {
        const start = job.fromSlider;
        requestAnimationFrame(() => timings.sliderRepaint.push(performance.now() - start));
      }
      status("");
    } catch (e) {
      status(e.message);
    } finally {
      inFlight = false;
      if (pending) sendDecode();
    }
  }

  function show(code, overlay) {
    z = Float32Array.from(code);
    sliders.set(z);
    latentMap.set(Object.assign({marker: V.project(map.plane, z)}, overlay || {}));
    decode(z);
  }

  async function loadModels() {
    const reply = await api("/api/models");
    document.title = "vae4j explorer: " + reply.title;
    const select = $("model");
    for (const m of reply.models) {
      const option = document.createElement("option");
      option.value = m.id;
      option.textContent = m.id;
      select.append(option);
    }
    select.addEventListener("change", () => openModel(reply.models.find((m) => m.id === select.value)));
    await openModel(reply.models[0]);
  }

  async function openModel(summary) {
    generation++;
    model = summary;
    map = await api("/api/map?model=" + encodeURIComponent(model.id));
    const facts = [model.kind + ", d = " + model.latent, model.dataset];
    if (model.testNelbo !== undefined) facts.push("test -ELBO " + model.testNelbo.toFixed(2));
    if (model.testNll !== undefined) facts.push("NLL " + model.testNll.toFixed(2));
    facts.push(map.points.x.length + " test images on the map");
    $("facts").textContent = facts.join(" · ");
    $("map-hint").textContent = (map.plane.principal
      ? "The plane of the test means' first two principal components; clicking moves the code within it and keeps the rest (the sliders). "
      : "Test images' posterior means. ") + "Colour: digit. Hover to decode a point; click or drag to set the code.";
    $("slider-hint").textContent = map.sliders.length < map.latent
      ? "Sliders for the " + map.sliders.length + " of " + map.latent + " dimensions whose test means vary most."
      : "One slider per latent dimension.";
    if (latentMap) latentMap.destroy();
    latentMap = new V.LatentMap($("map"), map.points);
    V.legend($("legend"), Math.max(10, map.classes));
    latentMap.on("hover", ([x, y]) => {
      latentMap.set({hover: [x, y]});
      decode(V.lift(map.plane, z, x, y));
    });
    latentMap.on("leave", () => {
      latentMap.set({hover: null});
      decode(z);
    });
    latentMap.on("press", ([x, y]) => {
      const i = latentMap.nearest(x, y);
      clicked = i;
      latentMap.set({hover: null, picked: [map.points.x[i], map.points.y[i]]});
      show(V.lift(map.plane, z, x, y));
    });
    sliders = new V.Sliders($("sliders"), map.sliders, (dim, value, timeStamp) => {
      z[dim] = value;
      latentMap.set({marker: V.project(map.plane, z)});
      decode(z, timeStamp);
    });
    digitButtons();
    $("test-a").max = $("test-b").max = map.points.x.length - 1;
    clearResults();
    $("path").textContent = "";
    show(new Float32Array(map.latent));
    if (drawing) analyseDrawing(); // the same drawing, seen by this model
  }

  function digitButtons() {
    const box = $("digits");
    box.textContent = "";
    box.hidden = !conditional();
    if (!conditional()) return;
    label = 0;
    V.digitButtons(box, map.classes, (c) => {
      label = c;
      decode(z);
    });
    const note = document.createElement("span");
    note.className = "hint";
    note.textContent = " the digit; the sliders keep the style";
    box.append(note);
  }

  function gaussian() {
    const u = 1 - Math.random(), v = Math.random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  // ---- drawing ----

  const pad = $("pad");
  const padContext = pad.getContext("2d", {willReadFrequently: true});
  function clearPad() {
    padContext.fillStyle = "#000";
    padContext.fillRect(0, 0, pad.width, pad.height);
  }
  clearPad();
  let stroke = null;
  pad.addEventListener("pointerdown", (e) => {
    pad.setPointerCapture(e.pointerId);
    stroke = padPoint(e);
    padContext.fillStyle = "#fff";
    padContext.beginPath();
    padContext.arc(stroke[0], stroke[1], pad.width / 28, 0, 2 * Math.PI);
    padContext.fill();
  });
  pad.addEventListener("pointermove", (e) => {
    if (!stroke) return;
    const p = padPoint(e);
    padContext.strokeStyle = "#fff";
    padContext.lineWidth = pad.width / 14;
    padContext.lineCap = padContext.lineJoin = "round";
    padContext.beginPath();
    padContext.moveTo(stroke[0], stroke[1]);
    padContext.lineTo(p[0], p[1]);
    padContext.stroke();
    stroke = p;
  });
  const endStroke = () => {
    if (!stroke) return;
    stroke = null;
    analyseDrawing();
  };
  pad.addEventListener("pointerup", endStroke);
  pad.addEventListener("pointercancel", endStroke);
  function padPoint(e) {
    const r = pad.getBoundingClientRect();
    return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height];
  }

  // The drawing as MNIST's images are made: the ink's bounding box scaled to fit 20 of 28 pixels, then
  // placed so that its centre of mass is the image's centre.
  function drawingAsInput(rows, cols) {
    const data = padContext.getImageData(0, 0, pad.width, pad.height).data;
    let x0 = pad.width, y0 = pad.height, x1 = -1, y1 = -1;
    for (let y = 0; y < pad.height; y++) {
      for (let x = 0; x < pad.width; x++) {
        if (data[4 * (y * pad.width + x)] > 20) {
          x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) return null;
    const box = Math.round(Math.min(rows, cols) * 20 / 28);
    const s = box / Math.max(x1 - x0 + 1, y1 - y0 + 1);
    const w = Math.max(1, Math.round((x1 - x0 + 1) * s)), h = Math.max(1, Math.round((y1 - y0 + 1) * s));
    const glyph = document.createElement("canvas");
    glyph.width = w;
    glyph.height = h;
    const g = glyph.getContext("2d");
    g.imageSmoothingQuality = "high";
    g.drawImage(pad, x0, y0, x1 - x0 + 1, y1 - y0 + 1, 0, 0, w, h);
    const pixels = g.getImageData(0, 0, w, h).data;
    let mass = 0, mx = 0, my = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const v = pixels[4 * (y * w + x)];
        mass += v; mx += v * (x + 0.5); my += v * (y + 0.5);
      }
    }
    const ox = Math.round(cols / 2 - mx / mass), oy = Math.round(rows / 2 - my / mass);
    const out = new Float32Array(rows * cols);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const tx = x + ox, ty = y + oy;
        if (tx >= 0 && tx < cols && ty >= 0 && ty < rows) {
          out[ty * cols + tx] = pixels[4 * (y * w + x)] / 255;
        }
      }
    }
    return out;
  }

  function clearResults() {
    for (const id of ["nelbo", "nll", "guess"]) $(id).textContent = "–";
    for (const id of ["nelbo-pct", "nll-pct"]) $(id).textContent = "";
    $("neighbours").textContent = "";
    for (const id of ["input", "reconstruction"]) {
      const c = $(id).getContext("2d");
      c.fillStyle = "#000";
      c.fillRect(0, 0, $(id).width, $(id).height);
    }
    if (latentMap) latentMap.set({drawing: null});
  }

  function imageBody(image) {
    const body = {model: model.id, image: Array.from(image, (v) => Math.round(v * 1000) / 1000)};
    if (conditional() && !model.classifier) body.label = label;
    return body;
  }

  async function analyseDrawing() {
    const image = drawingAsInput(map.rows, map.cols);
    if (!image) return;
    drawing = image;
    V.paintImage($("input"), image, map.rows, map.cols);
    const g = generation;
    try {
      const [encoded, scored] = await Promise.all([api("/api/encode", imageBody(image)), api("/api/score", imageBody(image))]);
      if (g !== generation) return;
      V.paintImage($("reconstruction"), encoded.reconstruction[0], map.rows, map.cols);
      latentMap.set({drawing: {point: encoded.point, ellipse: encoded.ellipse}});
      $("nelbo").textContent = scored.nelbo.toFixed(1) + " nats";
      $("nelbo-pct").textContent = "higher than " + scored.nelboPercentile.toFixed(0) + "% of test images";
      $("nll").textContent = scored.nll.toFixed(1) + " nats";
      $("nll-pct").textContent = "higher than " + scored.nllPercentile.toFixed(0) + "% of test images";
      $("guess").textContent = scored.classifier
        ? "a " + scored.classifier.digit + ", " + (100 * scored.classifier.confidence).toFixed(1) + "% sure"
        : "no classifier";
      const strip = $("neighbours");
      strip.textContent = "";
      for (const n of encoded.neighbours) {
        strip.append(figure(n.image[0], "#" + n.index + " (" + n.digit + ")"));
      }
      if (encoded.label !== null && encoded.label !== undefined) {
        label = encoded.label;
        $("digits").querySelectorAll("button").forEach((x, i) => { x.className = i === label ? "on" : ""; });
      }
      show(encoded.mean, {picked: null});
    } catch (e) {
      status(e.message);
    }
  }

  function figure(pixels, caption, confidence) {
    const f = document.createElement("figure");
    const c = document.createElement("canvas");
    c.width = c.height = 56;
    V.paintImage(c, pixels, map.rows, map.cols);
    const cap = document.createElement("figcaption");
    cap.textContent = caption;
    f.append(c, cap);
    if (confidence !== undefined) {
      const bar = document.createElement("div");
      bar.className = "bar";
      const fill = document.createElement("i");
      fill.style.width = (100 * confidence).toFixed(0) + "%";
      bar.append(fill);
      f.append(bar);
    }
    return f;
  }

  // ---- interpolation ----

  const ends = {a: {test: 0}, b: {test: 1}};
  function endpointBody(end) {
    if (end.image) {
      const body = {image: Array.from(end.image, (v) => Math.round(v * 1000) / 1000)};
      if (conditional() && !model.classifier) body.label = label;
      return body;
    }
    return {test: end.test};
  }
  for (const k of ["a", "b"]) {
    $("test-" + k).addEventListener("input", () => { ends[k] = {test: Number($("test-" + k).value)}; });
    $(k + "-drawing").addEventListener("click", () => {
      if (!drawing) { status("draw a digit first"); return; }
      ends[k] = {image: drawing};
      $("test-" + k).value = "";
    });
    $(k + "-clicked").addEventListener("click", () => {
      if (clicked === null) { status("click the map first"); return; }
      ends[k] = {test: clicked};
      $("test-" + k).value = clicked;
    });
  }

  $("interpolate").addEventListener("click", async () => {
    const path = document.querySelector("input[name=path]:checked").value;
    const body = {model: model.id, from: endpointBody(ends.a), to: endpointBody(ends.b), path,
                  steps: Number($("steps").value) || 10};
    if (conditional()) body.label = label;
    try {
      const reply = await api("/api/interpolate", body);
      const strip = $("path");
      strip.textContent = "";
      reply.images.forEach((image, s) => {
        const guess = reply.classifier ? reply.classifier[s] : null;
        strip.append(figure(image, guess ? guess.digit + " · " + (100 * guess.confidence).toFixed(0) + "%" : "step " + s,
          guess ? guess.confidence : undefined));
      });
      latentMap.set({path: reply.points});
      status("");
    } catch (e) {
      status(e.message);
    }
  });

  $("clear").addEventListener("click", () => {
    clearPad();
    drawing = null;
    clearResults();
  });
  $("prior").addEventListener("click", () => show(Float32Array.from({length: map.latent}, gaussian)));
  $("zero").addEventListener("click", () => show(new Float32Array(map.latent)));

  loadModels().catch((e) => status("cannot load the models: " + e.message));
})();
