// The latent map, the latent sliders and image painting: shared by vae4j serve's page and the live part
// of an experiment's report.html (which inlines this file). Plain JavaScript, no dependencies.
"use strict";
(function (global) {
  // Tableau's ten colours, one per digit
  const DIGIT_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                         "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  const scratch = new Map(); // "rowsxcols" -> an off-screen canvas of that size

  // Paints pixels (rows * cols values in [0, 1], row-major) onto canvas, scaled up without smoothing.
  function paintImage(canvas, pixels, rows, cols) {
    const key = rows + "x" + cols;
    let small = scratch.get(key);
    if (!small) {
      small = document.createElement("canvas");
      small.width = cols;
      small.height = rows;
      scratch.set(key, small);
    }
    const sctx = small.getContext("2d");
    const data = sctx.createImageData(cols, rows);
    for (let i = 0; i < rows * cols; i++) {
      const v = Math.max(0, Math.min(255, Math.round(pixels[i] * 255)));
      data.data[4 * i] = v;
      data.data[4 * i + 1] = v;
      data.data[4 * i + 2] = v;
      data.data[4 * i + 3] = 255;
    }
    sctx.putImageData(data, 0, 0);
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
  }

  // Coordinates of a code z in the plane {origin, axes: [u, v]}: ((z - origin) . u, (z - origin) . v).
  function project(plane, z) {
    let x = 0, y = 0;
    for (let j = 0; j < z.length; j++) {
      const c = z[j] - plane.origin[j];
      x += c * plane.axes[0][j];
      y += c * plane.axes[1][j];
    }
    return [x, y];
  }

  // z moved within the plane to (x, y), keeping the part of z outside the plane (what the sliders set).
  function lift(plane, z, x, y) {
    const [px, py] = project(plane, z);
    const out = Float32Array.from(z);
    for (let j = 0; j < z.length; j++) {
      out[j] += (x - px) * plane.axes[0][j] + (y - py) * plane.axes[1][j];
    }
    return out;
  }

  function quantile(values, q) {
    const sorted = Array.from(values).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))))];
  }

  // A scatter of points {x: [], y: [], digit: []} on a canvas, with overlays; the same scale on both axes,
  // framing the 0.5th to 99.5th percentiles so that a few outliers do not shrink the rest.
  class LatentMap {
    constructor(canvas, points) {
      this.canvas = canvas;
      this.points = points;
      this.overlay = {};
      this.listeners = {hover: [], press: [], leave: []};
      const x0 = quantile(points.x, 0.005), x1 = quantile(points.x, 0.995);
      const y0 = quantile(points.y, 0.005), y1 = quantile(points.y, 0.995);
      const span = Math.max(x1 - x0, y1 - y0, 1e-3) * 1.12;
      this.cx = (x0 + x1) / 2;
      this.cy = (y0 + y1) / 2;
      this.scale = Math.min(canvas.width, canvas.height) / span;
      this.background = this.renderPoints();
      let pressed = false;
      this.events = new AbortController(); // the canvas outlives the map: destroy() removes its listeners
      const signal = {signal: this.events.signal};
      const at = (e) => {
        const r = canvas.getBoundingClientRect();
        return this.toPlane((e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height);
      };
      canvas.addEventListener("pointerdown", (e) => {
        pressed = true;
        canvas.setPointerCapture(e.pointerId);
        this.emit("press", at(e));
      }, signal);
      canvas.addEventListener("pointermove", (e) => this.emit(pressed ? "press" : "hover", at(e)), signal);
      canvas.addEventListener("pointerup", () => { pressed = false; }, signal);
      canvas.addEventListener("pointercancel", () => { pressed = false; }, signal);
      canvas.addEventListener("pointerleave", () => { if (!pressed) this.emit("leave"); }, signal);
      this.draw();
    }

    destroy() { this.events.abort(); }

    on(event, listener) { this.listeners[event].push(listener); }
    emit(event, xy) { this.listeners[event].forEach((l) => l(xy)); }

    toScreen(x, y) {
      return [this.canvas.width / 2 + (x - this.cx) * this.scale, this.canvas.height / 2 - (y - this.cy) * this.scale];
    }

    toPlane(px, py) {
      return [this.cx + (px - this.canvas.width / 2) / this.scale, this.cy - (py - this.canvas.height / 2) / this.scale];
    }

    // The index of the point nearest to (x, y).
    nearest(x, y) {
      let best = 0, bestDistance = Infinity;
      for (let i = 0; i < this.points.x.length; i++) {
        const d = (this.points.x[i] - x) ** 2 + (this.points.y[i] - y) ** 2;
        if (d < bestDistance) { bestDistance = d; best = i; }
      }
      return best;
    }

    renderPoints() {
      const c = document.createElement("canvas");
      c.width = this.canvas.width;
      c.height = this.canvas.height;
      const ctx = c.getContext("2d");
      ctx.globalAlpha = 0.55;
      for (let i = 0; i < this.points.x.length; i++) {
        const [px, py] = this.toScreen(this.points.x[i], this.points.y[i]);
        ctx.fillStyle = DIGIT_COLOURS[this.points.digit[i] % 10];
        ctx.fillRect(px - 1.5, py - 1.5, 3, 3);
      }
      ctx.globalAlpha = 1;
      ctx.strokeStyle = "#bbb";
      ctx.setLineDash([3, 3]);
      const [ox, oy] = this.toScreen(0, 0);
      ctx.beginPath();
      ctx.moveTo(ox, 0); ctx.lineTo(ox, c.height);
      ctx.moveTo(0, oy); ctx.lineTo(c.width, oy);
      ctx.stroke();
      return c;
    }

    // overlay: {marker: [x, y], hover: [x, y], drawing: {point: [x, y], ellipse: {rx, ry, angle}},
    //           path: [[x, y], ...], picked: [x, y]}; each optional
    set(overlay) {
      Object.assign(this.overlay, overlay);
      this.draw();
    }

    draw() {
      const ctx = this.canvas.getContext("2d");
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      ctx.drawImage(this.background, 0, 0);
      const o = this.overlay;
      if (o.path && o.path.length) {
        ctx.strokeStyle = "#222";
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        o.path.forEach(([x, y], i) => {
          const [px, py] = this.toScreen(x, y);
          if (i === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        });
        ctx.stroke();
        o.path.forEach(([x, y]) => {
          const [px, py] = this.toScreen(x, y);
          ctx.fillStyle = "#222";
          ctx.fillRect(px - 2, py - 2, 4, 4);
        });
      }
      if (o.drawing) {
        const [px, py] = this.toScreen(o.drawing.point[0], o.drawing.point[1]);
        const e = o.drawing.ellipse;
        ctx.strokeStyle = "#000";
        ctx.fillStyle = "rgba(255, 215, 0, 0.35)";
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.ellipse(px, py, Math.max(1, e.rx * this.scale), Math.max(1, e.ry * this.scale), -e.angle, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
        star(ctx, px, py);
      }
      if (o.picked) {
        const [px, py] = this.toScreen(o.picked[0], o.picked[1]);
        ctx.strokeStyle = "#000";
        ctx.lineWidth = 1.5;
        ctx.strokeRect(px - 5, py - 5, 10, 10);
      }
      if (o.hover) {
        cross(ctx, this.toScreen(o.hover[0], o.hover[1]), "#888", 6);
      }
      if (o.marker) {
        cross(ctx, this.toScreen(o.marker[0], o.marker[1]), "#000", 9);
      }
    }
  }

  function cross(ctx, [px, py], colour, r) {
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 4;
    ctx.beginPath();
    ctx.moveTo(px - r, py); ctx.lineTo(px + r, py);
    ctx.moveTo(px, py - r); ctx.lineTo(px, py + r);
    ctx.stroke();
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2;
    ctx.stroke();
  }

  function star(ctx, px, py) {
    ctx.fillStyle = "#ffd700";
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = 0; i < 10; i++) {
      const r = i % 2 ? 3 : 7;
      const a = -Math.PI / 2 + i * Math.PI / 5;
      ctx.lineTo(px + r * Math.cos(a), py + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }

  // One range input per latent dimension of specs [{dim, min, max}]; onInput(dim, value) as one moves.
  class Sliders {
    constructor(container, specs, onInput) {
      container.textContent = "";
      this.inputs = new Map();
      this.outputs = new Map();
      for (const s of specs) {
        const label = document.createElement("label");
        const name = document.createElement("span");
        name.textContent = "z" + s.dim;
        const input = document.createElement("input");
        input.type = "range";
        input.min = s.min;
        input.max = s.max;
        input.step = (s.max - s.min) / 1000;
        input.value = 0;
        input.dataset.dim = s.dim;
        input.setAttribute("aria-label", "latent dimension " + s.dim);
        const out = document.createElement("output");
        out.textContent = "0.00";
        input.addEventListener("input", (e) => {
          out.textContent = Number(input.value).toFixed(2);
          onInput(s.dim, Number(input.value), e.timeStamp);
        });
        label.append(name, input, out);
        container.append(label);
        this.inputs.set(s.dim, input);
        this.outputs.set(s.dim, out);
      }
    }

    set(z) {
      for (const [dim, input] of this.inputs) {
        input.value = z[dim];
        this.outputs.get(dim).textContent = Number(z[dim]).toFixed(2);
      }
    }
  }

  function legend(container, classes) {
    container.textContent = "";
    for (let c = 0; c < classes; c++) {
      const s = document.createElement("span");
      s.style.setProperty("--c", DIGIT_COLOURS[c % 10]);
      s.textContent = c;
      container.append(s);
    }
  }

  // One button per class 0..classes-1 in container, the first one on; a click turns its button on and calls
  // onPick(class).
  function digitButtons(container, classes, onPick) {
    container.textContent = "";
    for (let c = 0; c < classes; c++) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = c;
      b.className = c === 0 ? "on" : "";
      b.addEventListener("click", () => {
        container.querySelectorAll("button").forEach((x, i) => { x.className = i === c ? "on" : ""; });
        onPick(c);
      });
      container.append(b);
    }
  }

  global.Vae4j = {DIGIT_COLOURS, paintImage, project, lift, LatentMap, Sliders, legend, digitButtons};
})(window);
