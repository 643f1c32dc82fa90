// The live latent map of an experiment's report.html: decodes in this page from the decoders' weights
// embedded in it (Linear layers, ReLU or none, then the Bernoulli mean, the sigmoid), so that it explores
// with no server. Uses latent-map.js, inlined before it.
"use strict";
(function () {
  const V = window.Vae4j;
  const $ = (id) => document.getElementById(id);
  const data = JSON.parse($("vae4j-explorer-data").textContent);

  // base64 of little-endian float32 values -> Float32Array
  function floats(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return new Float32Array(bytes.buffer);
  }
  for (const m of data.models) {
    for (const layer of m.decoder) {
      layer.w = floats(layer.weight); // (out, in), as in PyTorch
      layer.b = floats(layer.bias);
    }
  }

  // z: (d), label for a conditional model -> (P) pixel means: the decoder, then the sigmoid
  function decode(m, z, label) {
    let x = new Float32Array(m.latent + m.classes);
    x.set(z);
    if (m.classes > 0) x[m.latent + label] = 1;
    for (const l of m.decoder) {
      const y = new Float32Array(l.out);
      for (let o = 0; o < l.out; o++) {
        let s = l.b[o];
        const row = o * l.in;
        for (let i = 0; i < l.in; i++) s += l.w[row + i] * x[i];
        y[o] = l.relu && s < 0 ? 0 : s;
      }
      x = y;
    }
    for (let i = 0; i < x.length; i++) x[i] = 1 / (1 + Math.exp(-x[i]));
    return x;
  }
  // for tests and the curious: decode(model index, z, label) -> pixel means
  window.vae4jReport = {decode: (index, z, label) => Array.from(decode(data.models[index], Float32Array.from(z), label || 0))};

  let m = null, z = null, label = 0, map = null, sliders = null, shown = null, frame = 0;
  function paint(code) {
    shown = code;
    if (!frame) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        V.paintImage($("live-decoded"), decode(m, shown, label), m.rows, m.cols);
      });
    }
  }
  function show(code) {
    z = Float32Array.from(code);
    sliders.set(z);
    map.set({marker: V.project(m.plane, z)});
    paint(z);
  }
  function open(index) {
    m = data.models[index];
    if (map) map.destroy();
    map = new V.LatentMap($("live-map"), m.points);
    V.legend($("live-legend"), Math.max(10, m.classes));
    map.on("hover", ([x, y]) => { map.set({hover: [x, y]}); paint(V.lift(m.plane, z, x, y)); });
    map.on("leave", () => { map.set({hover: null}); paint(z); });
    map.on("press", ([x, y]) => show(V.lift(m.plane, z, x, y)));
    sliders = new V.Sliders($("live-sliders"), m.sliders, (dim, value) => {
      z[dim] = value;
      map.set({marker: V.project(m.plane, z)});
      paint(z);
    });
    label = 0;
    V.digitButtons($("live-digits"), m.classes, (c) => {
      label = c;
      paint(z);
    });
    show(new Float32Array(m.latent));
  }
  const select = $("live-model");
  data.models.forEach((model, i) => {
    const option = document.createElement("option");
    option.value = i;
    option.textContent = model.label;
    select.append(option);
  });
  select.addEventListener("change", () => open(Number(select.value)));
  open(0);
})();
