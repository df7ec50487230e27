// Signature pad: strokes drawn with finger, pen or mouse, kept as normalised geometry (no timing, no pressure).
// Payload (see customer_pad/signatures.py): {"v":1,"aspect":w/h,"strokes":[[[x,y],...],...]} with x, y in 0..1.

const STYLE_ID = "customer-pad-signature-pad-style";
const STYLE = `
.signature-pad {
  position: relative;
  width: 100%;
  aspect-ratio: 5 / 2;
  min-height: 11rem;
  max-height: 22rem;
  background: #fff;
  border: 1px solid #cfd5df;
  border-radius: 14px;
  box-shadow: inset 0 1px 3px rgba(20, 33, 61, 0.06);
  overflow: hidden;
  touch-action: none;
  user-select: none;
  -webkit-user-select: none;
  -webkit-touch-callout: none;
}
.signature-pad:focus-within { border-color: #9aa6b8; }
.signature-pad__canvas {
  position: absolute;
  inset: 0;
  width: 100%;
  height: 100%;
  display: block;
  touch-action: none;
  cursor: crosshair;
}
.signature-pad__baseline {
  position: absolute;
  left: 7%;
  right: 7%;
  bottom: 24%;
  border-bottom: 1.5px solid #dfe3ea;
  pointer-events: none;
}
.signature-pad__baseline::before {
  content: "\\00D7";
  position: absolute;
  left: 0;
  bottom: 0.15rem;
  font-size: 1.35rem;
  line-height: 1;
  color: #b8c0cc;
}
.signature-pad__hint {
  position: absolute;
  left: 0;
  right: 0;
  bottom: calc(24% + 0.6rem);
  text-align: center;
  font-size: 1.05rem;
  letter-spacing: 0.02em;
  color: #a3acba;
  pointer-events: none;
}
.signature-pad__clear {
  position: absolute !important;
  top: 0.4rem;
  right: 0.4rem;
  color: #5a6577 !important;
  background: rgba(255, 255, 255, 0.85) !important;
  border-radius: 999px !important;
}
.signature-pad__clear .q-icon { font-size: 1.15rem; }
`;

const INK = "#14213d";
const MAX_WIDTH = 3.2; // CSS px for slow strokes on a 700 px wide frame
const MIN_WIDTH = 1.3; // CSS px for fast strokes
const THINNING = 0.09; // width lost per unit of speed (frame-relative distance between samples)
const SMOOTHING = 0.35; // share of the new width taken at each piece, so the width glides

function injectStyle() {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement("style");
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.appendChild(style);
}

function round4(value) {
  return Math.round(value * 10000) / 10000;
}

function clamp01(value) {
  return Math.min(1, Math.max(0, value));
}

function midpoint(a, b) {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

function isPoint(point) {
  return Array.isArray(point) && point.length === 2 && Number.isFinite(point[0]) && Number.isFinite(point[1]);
}

// The strokes and aspect of a payload, or null when it is empty or unreadable.
function parsePayload(payload) {
  if (!payload) return null;
  let data;
  try {
    data = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!data || data.v !== 1 || !Array.isArray(data.strokes) || !(data.aspect > 0)) return null;
  const strokes = data.strokes
    .filter((stroke) => Array.isArray(stroke))
    .map((stroke) => stroke.filter(isPoint).map(([x, y]) => [clamp01(x), clamp01(y)]))
    .filter((stroke) => stroke.length > 0);
  return strokes.length ? { aspect: data.aspect, strokes } : null;
}

// How far a stroke has been drawn and the width of its last piece.
function newPen() {
  return { next: 1, width: null };
}

// Line widths grow and shrink with the pad, within limits (a phone's pad would otherwise draw hairlines).
function penScale(frame) {
  return Math.min(1.6, Math.max(0.75, frame.width / 700));
}

function pieceWidth(pen, from, to, frame) {
  const scale = penScale(frame);
  const speed = (Math.hypot(to[0] - from[0], to[1] - from[1]) / frame.width) * 1000;
  const target = Math.max(MIN_WIDTH, MAX_WIDTH - speed * THINNING) * scale;
  pen.width = pen.width === null ? target : pen.width + (target - pen.width) * SMOOTHING;
  return pen.width;
}

// Draws a stroke piece by piece: quadratic curves from midpoint to midpoint, each bent by a stored point,
// the line width following the distance between samples (fast = thin). The same code draws live and on
// redraw, so a signature looks the same after a resize; `finished` adds the last piece (or the dot).
function drawPieces(ctx, pen, stroke, frame, finished) {
  const px = ([x, y]) => [frame.left + x * frame.width, frame.top + y * frame.height];
  const points = stroke.map(px);
  ctx.strokeStyle = INK;
  ctx.fillStyle = INK;
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  while (pen.next < points.length - 1) {
    const i = pen.next;
    const start = i === 1 ? points[0] : midpoint(points[i - 1], points[i]);
    const end = midpoint(points[i], points[i + 1]);
    ctx.lineWidth = pieceWidth(pen, points[i], points[i + 1], frame);
    ctx.beginPath();
    ctx.moveTo(start[0], start[1]);
    ctx.quadraticCurveTo(points[i][0], points[i][1], end[0], end[1]);
    ctx.stroke();
    pen.next += 1;
  }
  if (!finished) return;
  const last = points[points.length - 1];
  if (points.every((point) => point[0] === last[0] && point[1] === last[1])) {
    const radius = (MAX_WIDTH * penScale(frame)) / 2;
    ctx.beginPath();
    ctx.arc(last[0], last[1], radius, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  const n = points.length;
  const start = n > 2 ? midpoint(points[n - 2], points[n - 1]) : points[0];
  ctx.lineWidth = pieceWidth(pen, points[n - 2], points[n - 1], frame);
  ctx.beginPath();
  ctx.moveTo(start[0], start[1]);
  ctx.lineTo(last[0], last[1]);
  ctx.stroke();
}

export default {
  template: `
    <div class="signature-pad">
      <div class="signature-pad__baseline" aria-hidden="true"></div>
      <div v-if="!hasInk && hint" class="signature-pad__hint" aria-hidden="true">{{ hint }}</div>
      <canvas
        ref="canvas"
        class="signature-pad__canvas"
        role="img"
        :aria-label="padLabel"
        @pointerdown="onPointerDown"
        @pointermove="onPointerMove"
        @pointerup="onPointerUp"
        @pointercancel="onPointerUp"
        @lostpointercapture="onPointerUp"
      ></canvas>
      <q-btn
        class="signature-pad__clear"
        flat
        dense
        no-caps
        size="md"
        padding="xs sm"
        icon="close"
        :label="clearLabel"
        :disable="!hasInk"
        @click="clear"
      />
    </div>
  `,
  props: {
    value: { type: String, default: null },
    clearLabel: { type: String, default: "Effacer" },
    hint: { type: String, default: "" },
    padLabel: { type: String, default: "" },
  },
  emits: ["update:value"],
  data() {
    return { hasInk: false };
  },
  created() {
    // plain (non-reactive) state: Vue need not track thousands of points
    this.strokes = [];
    this.aspect = null;
    this.current = null; // { pointerId, stroke, pen } while a stroke is being drawn
    this.lastPayload = null;
    this.penSeen = false;
    this.size = { width: 0, height: 0, ratio: 1 };
  },
  mounted() {
    injectStyle();
    this.ctx = this.$refs.canvas.getContext("2d");
    this.load(this.value);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.$el);
    window.addEventListener("resize", this.resize); // zooming or a move to another screen changes devicePixelRatio
    this.resize();
  },
  beforeUnmount() {
    this.resizeObserver?.disconnect();
    window.removeEventListener("resize", this.resize);
  },
  watch: {
    value(payload) {
      if (payload !== this.lastPayload) this.load(payload);
    },
  },
  methods: {
    // Replaces the drawing with a payload from the server (null or "" empties the pad).
    load(payload) {
      const parsed = parsePayload(payload);
      this.current = null;
      this.strokes = parsed ? parsed.strokes : [];
      this.aspect = parsed ? parsed.aspect : null;
      this.hasInk = this.strokes.length > 0;
      this.lastPayload = payload ?? null;
      this.redraw();
    },
    clear() {
      const hadInk = this.strokes.length > 0 || this.current !== null;
      this.load(null);
      if (hadInk) this.send(null);
    },
    payload() {
      if (!this.strokes.length) return null;
      return JSON.stringify({ v: 1, aspect: round4(this.aspect), strokes: this.strokes });
    },
    send(payload) {
      this.lastPayload = payload;
      // keep the client-side copy of the prop in step, so a re-render does not bring back an older drawing
      const element = mounted_app.elements[this.$el.id.slice(1)];
      if (element) element.props.value = payload;
      this.$emit("update:value", payload);
    },
    resize() {
      const rect = this.$refs.canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      if (rect.width === this.size.width && rect.height === this.size.height && ratio === this.size.ratio) return;
      this.size = { width: rect.width, height: rect.height, ratio };
      const canvas = this.$refs.canvas;
      canvas.width = Math.max(1, Math.round(rect.width * ratio));
      canvas.height = Math.max(1, Math.round(rect.height * ratio));
      this.redraw();
    },
    // The area the normalised coordinates refer to: the whole pad while it is empty, afterwards the largest
    // area of the drawing's aspect centred in the pad (so a rotated screen shows the same, undistorted ink).
    frame() {
      const { width, height } = this.size;
      const aspect = this.aspect ?? (height > 0 ? width / height : 1);
      const frameWidth = Math.min(width, height * aspect);
      const frameHeight = frameWidth / aspect;
      return {
        left: (width - frameWidth) / 2,
        top: (height - frameHeight) / 2,
        width: frameWidth || 1,
        height: frameHeight || 1,
      };
    },
    redraw() {
      if (!this.ctx) return;
      const canvas = this.$refs.canvas;
      this.ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.ctx.clearRect(0, 0, canvas.width, canvas.height);
      this.ctx.setTransform(this.size.ratio, 0, 0, this.size.ratio, 0, 0);
      const frame = this.frame();
      for (const stroke of this.strokes) drawPieces(this.ctx, newPen(), stroke, frame, true);
      if (this.current) {
        this.current.pen = newPen();
        drawPieces(this.ctx, this.current.pen, this.current.stroke, frame, false);
      }
    },
    pointFrom(event) {
      const rect = this.$refs.canvas.getBoundingClientRect();
      const frame = this.frame();
      return [
        round4(clamp01((event.clientX - rect.left - frame.left) / frame.width)),
        round4(clamp01((event.clientY - rect.top - frame.top) / frame.height)),
      ];
    },
    onPointerDown(event) {
      if (this.current || (event.pointerType === "mouse" && event.button !== 0)) return;
      if (event.pointerType === "pen") this.penSeen = true;
      if (event.pointerType === "touch" && this.penSeen) return; // a palm resting while signing with a pen
      event.preventDefault();
      this.resize();
      if (!this.strokes.length) this.aspect = this.size.height > 0 ? this.size.width / this.size.height : 1;
      this.$refs.canvas.setPointerCapture?.(event.pointerId);
      this.current = { pointerId: event.pointerId, stroke: [this.pointFrom(event)], pen: newPen() };
      this.hasInk = true;
    },
    onPointerMove(event) {
      if (!this.current || event.pointerId !== this.current.pointerId) return;
      event.preventDefault();
      const frame = this.frame();
      const spacing = Math.max(1.5, frame.width * 0.002) / frame.width; // fewer points, same shape
      const samples = event.getCoalescedEvents?.() ?? [];
      const stroke = this.current.stroke;
      for (const sample of samples.length ? samples : [event]) {
        const point = this.pointFrom(sample);
        const previous = stroke[stroke.length - 1];
        if (Math.hypot(point[0] - previous[0], (point[1] - previous[1]) * (frame.height / frame.width)) >= spacing) {
          stroke.push(point);
        }
      }
      drawPieces(this.ctx, this.current.pen, stroke, frame, false);
    },
    onPointerUp(event) {
      if (!this.current || event.pointerId !== this.current.pointerId) return;
      const { stroke, pen } = this.current;
      const last = this.pointFrom(event);
      const previous = stroke[stroke.length - 1];
      if (event.type === "pointerup" && (last[0] !== previous[0] || last[1] !== previous[1])) stroke.push(last);
      drawPieces(this.ctx, pen, stroke, this.frame(), true);
      this.current = null;
      this.strokes.push(stroke);
      this.send(this.payload());
    },
  },
};
